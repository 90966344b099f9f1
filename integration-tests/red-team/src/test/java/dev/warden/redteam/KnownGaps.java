package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The attacks the shipped policies are known to let through ({@code known-gaps.yaml}), as comparable keys. */
final class KnownGaps {
    private KnownGaps() {}

    /** {@code scenario/strategy[/variant]} of every entry. */
    @SuppressWarnings("unchecked")
    static Set<String> load() {
        try (InputStream in = KnownGaps.class.getResourceAsStream("/known-gaps.yaml")) {
            List<Map<String, Object>> entries = new ObjectMapper(new YAMLFactory()).readValue(in, List.class);
            return entries.stream().map(e -> key(String.valueOf(e.get("scenario")), String.valueOf(e.get("strategy")),
                    (String) e.get("variant"))).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(AttemptResult r) {
        return key(r.scenarioId(), r.strategy().label(), r.variant());
    }

    private static String key(String scenario, String strategy, String variant) {
        return scenario + "/" + strategy + (variant == null ? "" : "/" + variant);
    }
}
