package dev.warden.action.internal;

import java.math.BigDecimal;
import java.util.Map;

/** Reads a money amount from tool arguments by a dotted path ({@code amount}, {@code payment.value}). */
final class AmountReader {
    private AmountReader() {}

    /** What is wrong with the amount at {@code path}, or {@code null} when it is a usable non-negative number. */
    static String problem(Map<String, Object> args, String path) {
        Object v = value(args, path);
        if (v == null) {
            return "is missing";
        }
        BigDecimal d = parse(v);
        if (d == null) {
            return "is not a number";
        }
        return d.signum() < 0 ? "is negative" : null;
    }

    static BigDecimal amount(Map<String, Object> args, String path) {
        return parse(value(args, path));
    }

    private static Object value(Map<String, Object> args, String path) {
        Object current = args;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(segment);
        }
        return current;
    }

    private static BigDecimal parse(Object v) {
        try {
            if (v instanceof BigDecimal b) {
                return b;
            }
            if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return null;
            }
            if (v instanceof Number || v instanceof String) {
                BigDecimal d = new BigDecimal(v.toString().trim());
                return d.abs().compareTo(new BigDecimal("1e15")) > 0 ? null : d;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
