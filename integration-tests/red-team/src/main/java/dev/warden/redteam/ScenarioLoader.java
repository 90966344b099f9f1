package dev.warden.redteam;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenarios from YAML files ({@code *.yaml}, {@code *.yml}, one scenario per file, any depth below the
 * directory), sorted by path so reports are stable. Unknown fields are errors, so a typo never silently changes what
 * a scenario measures. Stateless and thread-safe.
 *
 * <pre>{@code
 * List<Scenario> all = new ScenarioLoader().loadDirectory(Path.of("src/test/resources/scenarios"));
 * }</pre>
 */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** All scenarios under {@code dir}; fails on the first bad file or a duplicate id. */
    public List<Scenario> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(RedTeamCodes.message(RedTeamCodes.BAD_SCENARIO,
                    "scenario directory not found: " + dir));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Scenario> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            Scenario s;
            try (InputStream in = Files.newInputStream(f)) {
                s = parse(in, f.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException(RedTeamCodes.message(RedTeamCodes.DUPLICATE_ID,
                        "scenario id '" + s.id() + "' appears twice (second in " + f + ")"));
            }
            out.add(s);
        }
        return out;
    }

    /** One scenario; {@code origin} names the file in errors. */
    public Scenario parse(InputStream yaml, String origin) {
        try {
            Scenario s = YAML.readValue(yaml, Scenario.class);
            if (s == null) {
                throw new IllegalArgumentException("empty document");
            }
            if (s.userTask().turns().isEmpty()) {
                throw new IllegalArgumentException("user_task.turns is empty");
            }
            if (s.userTask().check() == null) {
                throw new IllegalArgumentException("user_task.check is missing");
            }
            return s;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new IllegalArgumentException(RedTeamCodes.message(RedTeamCodes.BAD_SCENARIO, origin + ": " + why),
                    e);
        }
    }
}
