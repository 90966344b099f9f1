package dev.warden.policy.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A condition translated at load time into plain Java that decides it without the CEL interpreter whenever it can,
 * and says {@link #UNDECIDED} otherwise, in which case the caller runs the compiled CEL program as before.
 *
 * <p>Exactness rule: every node yields either the value CEL would compute, or {@link #UNDECIDED} — for a construct it
 * does not translate, a value of a type it does not handle, or anything that would be an error in CEL (missing key,
 * wrong type, a function that throws). Operators absorb {@code UNDECIDED} only where CEL absorbs errors ({@code false
 * && x} is false, {@code true || x} is true), so a decided result always equals CEL's result, and every error still
 * reaches CEL and fails closed exactly as before. {@code DifferentialEvaluationTest} checks this against CEL.
 *
 * <p>Thread-safe and immutable; an evaluation allocates only the comprehension slots it needs.
 */
public final class NativeCondition {
    /** Result of a node that cannot be decided natively. */
    static final Object UNDECIDED = new Object() {
        @Override
        public String toString() {
            return "UNDECIDED";
        }
    };

    /** Comprehension iterations CEL allows (see {@link CelEnvironment}); longer ranges are left to CEL. */
    static final int MAX_ITERATIONS = 10_000;

    /** One translated expression node. {@code slots} hold comprehension variables. */
    interface Node {
        Object eval(Object[] slots, RequestActivation act);
    }

    private final Node root;
    private final int slots;

    private NativeCondition(Node root, int slots) {
        this.root = root;
        this.slots = slots;
    }

    /** Translates {@code ast}; {@code null} when the condition has nothing that could be decided natively. */
    static NativeCondition of(CelAbstractSyntaxTree ast, Clock clock) {
        Translator t = new Translator(ast, clock);
        Node root = t.node(ast.getExpr());
        return t.translated == 0 ? null : new NativeCondition(root, t.nextSlot);
    }

    /** {@link Boolean#TRUE} or {@link Boolean#FALSE} as CEL would answer, or {@code null} when CEL must decide. */
    Boolean evaluate(RequestActivation act) {
        Object v;
        try {
            v = root.eval(slots == 0 ? null : new Object[slots], act);
        } catch (RuntimeException e) {
            return null; // CEL evaluates it and reports whatever is wrong
        }
        return v instanceof Boolean b ? b : null;
    }

    /** Builds the node tree; counts nodes that are decided natively. */
    private static final class Translator {
        private final CelAbstractSyntaxTree ast;
        private final Clock clock;
        private final Map<String, Integer> scope = new HashMap<>();
        int nextSlot;
        int translated;

        Translator(CelAbstractSyntaxTree ast, Clock clock) {
            this.ast = ast;
            this.clock = clock;
        }

        Node node(CelExpr e) {
            Node n = switch (e.getKind()) {
                case CONSTANT -> constant(e.constant());
                case IDENT -> ident(e.ident().name());
                case SELECT -> select(e.select());
                case CALL -> call(e.call());
                case LIST -> list(e.list().elements());
                case COMPREHENSION -> comprehension(e.comprehension());
                default -> null;
            };
            if (n == null) {
                return (s, a) -> UNDECIDED;
            }
            translated++;
            return n;
        }

        private static Node constant(CelConstant c) {
            Object v = switch (c.getKind()) {
                case BOOLEAN_VALUE -> c.booleanValue();
                case INT64_VALUE -> c.int64Value();
                case DOUBLE_VALUE -> c.doubleValue();
                case STRING_VALUE -> c.stringValue();
                default -> null;
            };
            return v == null ? null : (s, a) -> v;
        }

        private Node ident(String name) {
            Integer slot = scope.get(name);
            if (slot != null) {
                int i = slot;
                return (s, a) -> s[i];
            }
            return (s, a) -> {
                Object v = a.variable(name);
                return v == null ? UNDECIDED : v;
            };
        }

        private Node select(CelExpr.CelSelect sel) {
            String field = sel.field();
            if (!sel.testOnly()) {
                Node direct = DirectFields.of(sel, scope.keySet());
                if (direct != null) {
                    return direct;
                }
            }
            CelExpr of = sel.operand();
            if (of.getKind() == CelExpr.ExprKind.Kind.IDENT && of.ident().name().equals("args")
                    && !scope.containsKey("args")) {
                return sel.testOnly() ? (s, a) -> a.argument(field) != null : (s, a) -> {
                    Object v = a.argument(field);
                    return v == null ? UNDECIDED : v;
                };
            }
            Node operand = node(of);
            if (sel.testOnly()) {
                return (s, a) -> operand.eval(s, a) instanceof Map<?, ?> m ? (Object) m.containsKey(field) : UNDECIDED;
            }
            return (s, a) -> {
                if (operand.eval(s, a) instanceof Map<?, ?> m) {
                    Object v = m.get(field);
                    return v == null ? UNDECIDED : v;
                }
                return UNDECIDED;
            };
        }

        private Node list(List<CelExpr> elements) {
            List<Object> constants = new ArrayList<>(elements.size());
            for (CelExpr x : elements) {
                Object v = x.getKind() == CelExpr.ExprKind.Kind.CONSTANT ? constantValue(x.constant()) : null;
                if (v == null) {
                    constants = null;
                    break;
                }
                constants.add(v);
            }
            if (constants != null) {
                List<Object> fixed = List.copyOf(constants);
                return (s, a) -> fixed;
            }
            List<Node> nodes = new ArrayList<>();
            elements.forEach(x -> nodes.add(node(x)));
            return (s, a) -> {
                List<Object> out = new ArrayList<>(nodes.size());
                for (Node n : nodes) {
                    Object v = n.eval(s, a);
                    if (v == UNDECIDED) {
                        return UNDECIDED;
                    }
                    out.add(v);
                }
                return out;
            };
        }

        private static Object constantValue(CelConstant c) {
            return switch (c.getKind()) {
                case BOOLEAN_VALUE -> c.booleanValue();
                case INT64_VALUE -> c.int64Value();
                case DOUBLE_VALUE -> c.doubleValue();
                case STRING_VALUE -> c.stringValue();
                default -> null;
            };
        }

        private Node call(CelExpr.CelCall call) {
            if (call.function().equals("@in") && call.args().size() == 2
                    && call.args().get(1).getKind() == CelExpr.ExprKind.Kind.LIST) {
                Node inConstants = inConstants(call.args().get(0), call.args().get(1).list().elements());
                if (inConstants != null) {
                    return inConstants;
                }
            }
            List<Node> args = new ArrayList<>(call.args().size());
            Node target = call.target().isPresent() ? node(call.target().get()) : null;
            call.args().forEach(x -> args.add(node(x)));
            boolean leftIsBool = !call.args().isEmpty() && ast.getType(call.args().get(0).id())
                    .map(SimpleType.BOOL::equals).orElse(false);
            return NativeCalls.of(call.function(), target, args, leftIsBool, clock);
        }

        /**
         * {@code x in ["a", "b"]} over string (or int) literals as one set lookup; the same answer as the general
         * {@code @in}: a value of another type is left to CEL.
         */
        private Node inConstants(CelExpr x, List<CelExpr> elements) {
            Set<Object> values = new HashSet<>();
            Class<?> type = null;
            for (CelExpr e : elements) {
                Object v = e.getKind() == CelExpr.ExprKind.Kind.CONSTANT ? constantValue(e.constant()) : null;
                if (v == null || !(v instanceof String || v instanceof Long) || (type != null && v.getClass() != type)) {
                    return null;
                }
                type = v.getClass();
                values.add(v);
            }
            if (type == null) {
                return null;
            }
            Class<?> elementType = type;
            Set<Object> set = Set.copyOf(values);
            Node item = node(x);
            return (s, a) -> {
                Object v = item.eval(s, a);
                return v != null && v.getClass() == elementType ? (Object) set.contains(v) : UNDECIDED;
            };
        }

        /** Loops as cel-java's interpreter does; an undecided range, condition or result leaves it to CEL. */
        private Node comprehension(CelExpr.CelComprehension c) {
            if (!c.iterVar2().isEmpty()) {
                return null;
            }
            Node range = node(c.iterRange());
            Node init = node(c.accuInit());
            Integer outerIter = scope.get(c.iterVar());
            Integer outerAccu = scope.get(c.accuVar());
            int iter = nextSlot++;
            int accu = nextSlot++;
            scope.put(c.accuVar(), accu);
            Node result = node(c.result());
            scope.put(c.iterVar(), iter);
            Node condition = node(c.loopCondition());
            Node step = node(c.loopStep());
            restore(c.iterVar(), outerIter);
            restore(c.accuVar(), outerAccu);
            return (s, a) -> {
                Object r = range.eval(s, a);
                Collection<?> items = r instanceof List<?> l ? l : r instanceof Map<?, ?> m ? m.keySet() : null;
                if (items == null || items.size() > MAX_ITERATIONS) {
                    return UNDECIDED;
                }
                s[accu] = init.eval(s, a);
                for (Object item : items) {
                    s[iter] = item;
                    Object go = condition.eval(s, a);
                    if (!(go instanceof Boolean)) {
                        return UNDECIDED;
                    }
                    if (!(Boolean) go) {
                        break;
                    }
                    s[accu] = step.eval(s, a);
                }
                return result.eval(s, a);
            };
        }

        private void restore(String name, Integer outer) {
            if (outer == null) {
                scope.remove(name);
            } else {
                scope.put(name, outer);
            }
        }
    }
}
