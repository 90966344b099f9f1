package dev.warden.dataflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Walks nested tool arguments (maps and lists, as parsed from JSON) leaf by leaf. */
public final class ArgumentLeaves {
    /** Guards against pathological nesting; deeper values are treated as one opaque leaf. */
    static final int MAX_DEPTH = 32;

    /** One scalar in the arguments: {@code path} like {@code payment.recipient}, {@code key} its own name. */
    public record Leaf(String path, String key, Object value) {}

    private ArgumentLeaves() {}

    public static List<Leaf> of(Map<String, Object> args) {
        List<Leaf> out = new ArrayList<>();
        walk("", null, args, 0, out);
        return out;
    }

    private static void walk(String path, String key, Object value, int depth, List<Leaf> out) {
        if (depth > MAX_DEPTH) {
            out.add(new Leaf(path, key, String.valueOf(value)));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(path.isEmpty() ? String.valueOf(k) : path + "." + k, String.valueOf(k), v,
                    depth + 1, out));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(path + "[" + i + "]", key, l.get(i), depth + 1, out);
            }
        } else if (value != null) {
            out.add(new Leaf(path, key, value));
        }
    }

    /** A copy of {@code value} with every string replaced by {@code onString}'s result. */
    public static Object mapStrings(Object value, Function<String, String> onString) {
        return mapStrings(value, onString, 0);
    }

    private static Object mapStrings(Object value, Function<String, String> onString, int depth) {
        if (value instanceof String s) {
            return onString.apply(s);
        }
        if (depth > MAX_DEPTH) {
            return onString.apply(String.valueOf(value));
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), mapStrings(v, onString, depth + 1)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(mapStrings(v, onString, depth + 1)));
            return copy;
        }
        return value;
    }
}
