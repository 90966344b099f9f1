package dev.warden.quarkus.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.policy.PolicyDataSet;
import dev.warden.quarkus.WardenConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data sets configured under {@code warden.policy.data-sets.<name>}: inline values and/or a YAML/JSON list file,
 * read once at start. A file that is missing, unreadable or not a list of strings stops the start with its path: a
 * policy must never run against a set that silently came up empty.
 */
final class ConfiguredDataSets {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfiguredDataSets() {}

    static List<PolicyDataSet> from(WardenConfig.Policy config) {
        List<PolicyDataSet> out = new ArrayList<>();
        for (Map.Entry<String, WardenConfig.DataSet> e : config.dataSets().entrySet()) {
            List<String> values = new ArrayList<>(e.getValue().values().orElse(List.of()));
            e.getValue().file().ifPresent(f -> values.addAll(read(e.getKey(), f)));
            if (e.getValue().values().isEmpty() && e.getValue().file().isEmpty()) {
                throw new IllegalStateException("warden.policy.data-sets." + e.getKey()
                        + " has neither values nor file");
            }
            out.add(PolicyDataSet.of(e.getKey(), values));
        }
        return out;
    }

    private static List<String> read(String name, String file) {
        Path path = Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file);
        try {
            Object parsed = YAML.readValue(Files.readAllBytes(path), Object.class);
            if (!(parsed instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String
                    || v instanceof Number))) {
                throw new IllegalStateException("warden.policy.data-sets." + name + ".file " + path
                        + " must hold a YAML or JSON list of strings");
            }
            return list.stream().map(String::valueOf).toList();
        } catch (IOException e) {
            throw new IllegalStateException("warden.policy.data-sets." + name + ".file " + path
                    + " cannot be read: " + e.getMessage(), e);
        }
    }
}
