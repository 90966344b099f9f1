package dev.warden.policy.internal;

import static dev.warden.policy.internal.NativeCondition.UNDECIDED;

import dev.warden.policy.internal.NativeCondition.Node;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The operators and functions {@link NativeCondition} evaluates in Java, each with CEL's semantics on the value types
 * it accepts and {@link NativeCondition#UNDECIDED} for any other input (so CEL decides, errors included). Numbers are
 * compared only within one type ({@code int} with {@code int}, {@code double} with {@code double}); mixed or
 * heterogeneous comparisons are left to CEL.
 */
final class NativeCalls {
    private NativeCalls() {}

    /** A node for {@code function}, or {@code null} when it is not evaluated natively. */
    static Node of(String function, Node target, List<Node> args, boolean leftIsBool, Clock clock) {
        int n = args.size();
        if (target != null) {
            return n == 1 ? member(function, target, args.get(0)) : n == 0 ? unaryMember(function, target) : null;
        }
        return switch (n) {
            case 1 -> unary(function, args.get(0));
            case 2 -> binary(function, args.get(0), args.get(1), leftIsBool, clock);
            case 3 -> function.equals("_?_:_") ? conditional(args.get(0), args.get(1), args.get(2)) : null;
            default -> null;
        };
    }

    private static Node unary(String function, Node x) {
        UnaryOperator<Object> f = switch (function) {
            case "!_" -> v -> v instanceof Boolean b ? (Object) !b : UNDECIDED;
            case "@not_strictly_false" -> v -> v instanceof Boolean ? v : UNDECIDED;
            case "size" -> NativeCalls::size;
            case "sql.kind" -> v -> v instanceof String s ? guarded(() -> SqlKind.of(s)) : UNDECIDED;
            case "email.domain" -> v -> v instanceof String s ? guarded(() -> WardenFunctions.emailDomain(s))
                    : UNDECIDED;
            case "url.host" -> v -> v instanceof String s ? guarded(() -> WardenFunctions.urlHost(s)) : UNDECIDED;
            default -> null;
        };
        return f == null ? null : (s, a) -> {
            Object v = x.eval(s, a);
            return v == UNDECIDED ? UNDECIDED : f.apply(v);
        };
    }

    private static Node unaryMember(String function, Node target) {
        return function.equals("size") ? (s, a) -> {
            Object v = target.eval(s, a);
            return v == UNDECIDED ? UNDECIDED : size(v);
        } : null;
    }

    private static Node member(String function, Node target, Node arg) {
        BinaryOperator<Object> f = switch (function) {
            case "startsWith" -> (t, x) -> t instanceof String s && x instanceof String p ? (Object) s.startsWith(p)
                    : UNDECIDED;
            case "endsWith" -> (t, x) -> t instanceof String s && x instanceof String p ? (Object) s.endsWith(p)
                    : UNDECIDED;
            case "contains" -> (t, x) -> t instanceof String s && x instanceof String p ? (Object) s.contains(p)
                    : UNDECIDED;
            case "atLeast" -> (t, x) -> t instanceof Map<?, ?> m && x instanceof String level
                    ? guarded(() -> WardenFunctions.atLeast(cast(m), level)) : UNDECIDED;
            case "chainPermits" -> (t, x) -> t instanceof Map<?, ?> m && x instanceof String scope
                    ? guarded(() -> WardenFunctions.chainPermits(cast(m), scope)) : UNDECIDED;
            default -> null;
        };
        return f == null ? null : strict(target, arg, f);
    }

    private static Node binary(String function, Node left, Node right, boolean leftIsBool, Clock clock) {
        switch (function) {
            case "_&&_" -> {
                return (s, a) -> logical(left.eval(s, a), right, s, a, false, leftIsBool);
            }
            case "_||_" -> {
                return (s, a) -> logical(left.eval(s, a), right, s, a, true, leftIsBool);
            }
            default -> {
                BinaryOperator<Object> f = strictBinary(function, clock);
                return f == null ? null : strict(left, right, f);
            }
        }
    }

    private static BinaryOperator<Object> strictBinary(String function, Clock clock) {
        return switch (function) {
            case "_==_" -> NativeCalls::equal;
            case "_!=_" -> (x, y) -> equal(x, y) instanceof Boolean b ? (Object) !b : UNDECIDED;
            case "_<_" -> (x, y) -> compare(x, y, c -> c < 0);
            case "_<=_" -> (x, y) -> compare(x, y, c -> c <= 0);
            case "_>_" -> (x, y) -> compare(x, y, c -> c > 0);
            case "_>=_" -> (x, y) -> compare(x, y, c -> c >= 0);
            case "@in" -> NativeCalls::in;
            case "_[_]" -> NativeCalls::index;
            case "time.within" -> (w, z) -> w instanceof String window && z instanceof String zone
                    ? guarded(() -> TimeWindow.parse(window).contains(clock.instant(), ZoneId.of(zone)))
                    : UNDECIDED;
            default -> null;
        };
    }

    private static Node strict(Node left, Node right, BinaryOperator<Object> f) {
        return (s, a) -> {
            Object x = left.eval(s, a);
            if (x == UNDECIDED) {
                return UNDECIDED;
            }
            Object y = right.eval(s, a);
            return y == UNDECIDED ? UNDECIDED : f.apply(x, y);
        };
    }

    /**
     * {@code &&} ({@code or == false}) and {@code ||} as cel-java's interpreter evaluates them: the left operand's
     * absorbing value ({@code false} / {@code true}) decides; a left operand that is a non-boolean <em>value</em> is
     * an error; a left <em>error</em> is absorbed when the right operand is the absorbing value. So an undecided left
     * operand may be absorbed only when the checker typed it {@code bool} (it can then only be a boolean or an
     * error, never another value); otherwise both sides must be decided booleans.
     */
    private static Object logical(Object x, Node right, Object[] s, RequestActivation a, boolean or,
            boolean leftIsBool) {
        if (x instanceof Boolean b) {
            if (b == or) {
                return b;
            }
            Object y = right.eval(s, a);
            return y instanceof Boolean ? y : UNDECIDED;
        }
        if (x != UNDECIDED || !leftIsBool) {
            return UNDECIDED;
        }
        Object y = right.eval(s, a);
        return y instanceof Boolean b && b == or ? b : UNDECIDED;
    }

    private static Node conditional(Node cond, Node then, Node otherwise) {
        return (s, a) -> cond.eval(s, a) instanceof Boolean b ? (b ? then : otherwise).eval(s, a) : UNDECIDED;
    }

    static Object equal(Object x, Object y) {
        if (x instanceof String a && y instanceof String b) {
            return a.equals(b);
        }
        if (x instanceof Long a && y instanceof Long b) {
            return a.longValue() == b.longValue();
        }
        if (x instanceof Boolean a && y instanceof Boolean b) {
            return a.booleanValue() == b.booleanValue();
        }
        if (x instanceof Double a && y instanceof Double b && !a.isNaN() && !b.isNaN()) {
            return a.doubleValue() == b.doubleValue();
        }
        return UNDECIDED;
    }

    private static Object compare(Object x, Object y, java.util.function.IntPredicate test) {
        if (x instanceof Long a && y instanceof Long b) {
            return test.test(Long.compare(a, b));
        }
        if (x instanceof Double a && y instanceof Double b && !a.isNaN() && !b.isNaN()) {
            return test.test(Double.compare(a + 0.0, b + 0.0)); // + 0.0: -0.0 equals 0.0, as in CEL
        }
        return UNDECIDED;
    }

    /** {@code x in list} when every element has x's type (string or int); {@code key in map} for a string key. */
    private static Object in(Object x, Object container) {
        if (container instanceof Map<?, ?> m) {
            return x instanceof String ? m.containsKey(x) : UNDECIDED;
        }
        if (!(container instanceof List<?> list) || !(x instanceof String || x instanceof Long)) {
            return UNDECIDED;
        }
        boolean found = false;
        for (Object e : list) {
            if (e == null || e.getClass() != x.getClass()) {
                return UNDECIDED;
            }
            found |= e.equals(x);
        }
        return found;
    }

    private static Object index(Object container, Object key) {
        if (container instanceof Map<?, ?> m && key instanceof String) {
            Object v = m.get(key);
            return v == null ? UNDECIDED : v;
        }
        if (container instanceof List<?> l && key instanceof Long i && i >= 0 && i < l.size()) {
            Object v = l.get(i.intValue());
            return v == null ? UNDECIDED : v;
        }
        return UNDECIDED;
    }

    /** CEL's {@code size}: code points of a string, elements of a list or map. */
    static Object size(Object v) {
        if (v instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return (long) l.size();
        }
        return v instanceof Map<?, ?> m ? (Object) (long) m.size() : UNDECIDED;
    }

    private static Object guarded(java.util.function.Supplier<Object> f) {
        try {
            Object v = f.get();
            return v == null ? UNDECIDED : v;
        } catch (RuntimeException e) {
            return UNDECIDED;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
