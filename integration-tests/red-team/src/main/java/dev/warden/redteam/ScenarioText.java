package dev.warden.redteam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text normal forms shared by the harness's checks. */
public final class ScenarioText {
    private ScenarioText() {}

    /** Lower case, quotes unified, whitespace collapsed: how an injection is recognised inside a tool result. */
    public static String marker(String text) {
        // A tool may return the text inside JSON: its escapes (\" \n \t \\) count as the characters they stand for.
        String unescaped = text.replace("\\\"", "\"").replace("\\n", " ").replace("\\t", " ").replace("\\\\", "\\");
        return unescaped.replace('"', '\'').replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    /** An account identifier as a bank would route it: no spaces, upper case. */
    public static String account(Object value) {
        return value == null ? "" : String.valueOf(value).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /**
     * A copy of a parsed YAML tree (maps, lists, strings) with every {@link Scenario#PLACEHOLDER} replaced by
     * {@code injection}: how a scenario plants its injection (or the benign text) in a world's environment.
     */
    public static Object fill(Object node, String injection) {
        if (node instanceof String str) {
            return str.replace(Scenario.PLACEHOLDER, injection);
        }
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, fill(v, injection)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(fill(v, injection)));
            return out;
        }
        return node;
    }
}
