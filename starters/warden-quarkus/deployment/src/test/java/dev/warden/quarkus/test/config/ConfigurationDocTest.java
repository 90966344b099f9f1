package dev.warden.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.runtime.UngovernedBenchmark;
import io.smallrye.config.ConfigMappings.ConfigClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's tables and warden-quarkus' configuration cannot drift: the keys of the extension's config
 * roots come from the config model Quarkus' extension annotation processor generates
 * ({@code runtime/target/quarkus-config-doc/quarkus-config-model.yaml}), the keys of the application-style mappings
 * ({@link WardenConfig}, kept one so that unknown {@code warden.*} keys fail the start) from SmallRye's own mapping
 * metadata — the names it validates.
 */
class ConfigurationDocTest {
    static final Path DOC = Path.of("../../../docs/configuration.md");
    static final Path GENERATED = Path.of("../runtime/target/quarkus-config-doc/quarkus-config-model.yaml");
    /** Keys documented on the same page that belong to the add-on extensions, checked in their own modules. */
    static final List<String> ADD_ONS = List.of("warden.postgres.", "warden.audit.postgres.", "warden.anthropic.",
            "warden.delegation.", "warden.mcp.", "warden.a2a.", "warden.console.", "warden.inventory.",
            "warden.notify.");
    static final Pattern ROW = Pattern.compile("^\\| `(warden\\.[^`]+)`(?: / `[^`]+`)? \\| ([^|]*) \\|", Pattern.MULTILINE);
    static final Pattern LITERAL = Pattern.compile("^`([^`]+)`$");

    @Test
    void every_key_of_the_configuration_is_documented() throws IOException {
        Map<String, String> documented = documented();
        assertThat(documented.keySet()).containsAll(configured().keySet());
    }

    @Test
    void every_documented_key_exists_in_the_configuration() throws IOException {
        Map<String, String> configured = configured();
        List<String> unknown = new ArrayList<>();
        for (String key : documented().keySet()) {
            if (ADD_ONS.stream().noneMatch(key::startsWith) && !configured.containsKey(key)) {
                unknown.add(key);
            }
        }
        assertThat(unknown).as("documented keys no Warden mapping has").isEmpty();
    }

    @Test
    void documented_defaults_are_the_configured_defaults() throws IOException {
        Map<String, String> configured = configured();
        Map<String, String> differ = new TreeMap<>();
        documented().forEach((key, cell) -> {
            Matcher literal = LITERAL.matcher(cell.trim());
            String actual = configured.get(key);
            // a default documented as another key's name ("follows warden.x") is not a literal
            if (literal.matches() && !literal.group(1).startsWith("warden.") && actual != null
                    && !literal.group(1).equals(actual)) {
                differ.put(key, "documented " + literal.group(1) + ", configured " + actual);
            }
        });
        assertThat(differ).isEmpty();
    }

    @Test
    void build_time_keys_come_from_generated_build_time_roots() throws IOException {
        Map<String, String> phases = new TreeMap<>();
        for (String item : Files.readString(GENERATED).split("- !<")) {
            Matcher property = Pattern.compile("property: \"([^\"]+)\"").matcher(item);
            Matcher phase = Pattern.compile("phase: \"([^\"]+)\"").matcher(item);
            if (property.find() && phase.find()) {
                phases.put(property.group(1), phase.group(1));
            }
        }
        assertThat(phases).containsEntry("warden.planes.data-flow.enabled", "BUILD_AND_RUN_TIME_FIXED")
                .containsEntry("warden.budgets.store", "BUILD_AND_RUN_TIME_FIXED");
        assertThat(Files.readString(DOC)).contains("## Planes (*build time*)");
    }

    /** Key (map keys as {@code *}) to its default, or "" without one, from the generated model and the mappings. */
    static Map<String, String> configured() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String item : Files.readString(GENERATED).split("- !<")) {
            Matcher property = Pattern.compile("property: \"([^\"]+)\"").matcher(item);
            Matcher value = Pattern.compile("defaultValue: \"([^\"]*)\"").matcher(item);
            if (property.find()) {
                out.put(property.group(1).replaceAll("\"?<[^>]+>\"?", "*"), value.find() ? value.group(1) : "");
            }
        }
        mapping(out, WardenConfig.class, "warden");
        mapping(out, UngovernedBenchmark.Config.class, "warden.benchmark");
        mapping(out, dev.warden.quarkus.StreamingConfig.class, "warden.streaming");
        mapping(out, dev.warden.quarkus.runtime.IdleMemoryReturn.Config.class, "warden.runtime.memory");
        mapping(out, dev.warden.quarkus.RunsConfig.class, "warden.runs");
        return out;
    }

    static void mapping(Map<String, String> out, Class<?> type, String prefix) {
        // a list is also settable by index (key[0]); the table documents the comma-separated form
        ConfigClass.configClass(type, prefix).getProperties()
                .forEach((key, value) -> out.put(key.replace("[*]", ""), value == null ? "" : value));
    }

    /** Documented key (placeholders as {@code *}) to its default cell. */
    static Map<String, String> documented() throws IOException {
        Map<String, String> out = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(DOC));
        while (row.find()) {
            out.put(row.group(1).replaceAll("\"?<[^>]+>\"?", "*"), row.group(2));
        }
        return out;
    }
}
