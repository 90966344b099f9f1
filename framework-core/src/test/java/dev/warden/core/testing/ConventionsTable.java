package dev.warden.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attribute-set table of {@code docs/telemetry-conventions.md}, read from the repository (found by walking up from
 * the working directory), and the conformance assertions against it.
 */
public final class ConventionsTable {
    private static final Pattern ROW =
            Pattern.compile("^\\| (\\w+) \\| `([^`]+)` \\| (required|conditional|opt-in) \\|\\s*$");

    /** kind → attribute → requirement. */
    private final Map<String, Map<String, String>> rows;

    private ConventionsTable(Map<String, Map<String, String>> rows) {
        this.rows = rows;
    }

    public static ConventionsTable load() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/telemetry-conventions.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/telemetry-conventions.md not found above " + Paths.get("").toAbsolutePath());
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("docs/telemetry-conventions.md"), StandardCharsets.UTF_8)) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), m.group(3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConventionsTable(rows);
    }

    public Set<String> attributes(String kind) {
        Map<String, String> of = rows.get(kind);
        assertThat(of).as("kind %s in docs/telemetry-conventions.md", kind).isNotNull();
        return new TreeSet<>(of.keySet());
    }

    public Set<String> required(String kind) {
        Set<String> out = new TreeSet<>();
        rows.get(kind).forEach((k, v) -> {
            if (v.equals("required")) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * Each item carries only attributes the table lists for {@code kind} and all its required ones; together the items
     * carry every attribute the table lists (the scenario exercises the whole row set).
     */
    public void assertExact(String kind, Collection<Attributes> items) {
        assertThat(items).as("%s items emitted", kind).isNotEmpty();
        Set<String> listed = attributes(kind);
        Set<String> seen = new TreeSet<>();
        for (Attributes a : items) {
            Set<String> keys = new TreeSet<>();
            a.forEach((k, v) -> keys.add(k.getKey()));
            assertThat(listed).as("%s attributes not in the table (emitted: %s)", kind, keys).containsAll(keys);
            assertThat(keys).as("required %s attributes", kind).containsAll(required(kind));
            seen.addAll(keys);
        }
        assertThat(seen).as("%s attributes seen across the scenario", kind).isEqualTo(listed);
    }
}
