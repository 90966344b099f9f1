package dev.warden.core.provenance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Computed provenance for an amount: is it one arithmetic step over two traced numbers ({@code 1100 + 100}), or at
 * most two steps from one traced number where every step's other operand is a number the user typed ({@code 1000 *
 * 19.5% + 5.29})? Steps: {@code + - * /}, {@code p%} of, plus or minus {@code p%}. The result has the weakest kind
 * of its operands; untrusted numbers are never operands. Compared to the cent; an amount under one cent is never
 * derived.
 */
final class DerivedAmounts {
    /** A traced number. */
    record Operand(double value, Provenance.Kind kind, String source) {}

    /** Bounds the search: at most this many operands are considered (the most recent content is kept). */
    static final int MAX_OPERANDS = 256;
    private static final double CENT = 0.005;
    /** The smallest amount that can be derived: below a cent, any {@code a - a} would "compute" it. */
    private static final double MIN_AMOUNT = 0.01;
    private static final char[] OPS = {'+', '-', '*', '/', '%', 'u', 'd'};

    private DerivedAmounts() {}

    static Provenance find(BigDecimal target, List<Operand> traced, List<Operand> user) {
        double t = target.doubleValue();
        if (!(t >= MIN_AMOUNT)) {
            return null;
        }
        List<Operand> ops = traced.size() > MAX_OPERANDS ? traced.subList(traced.size() - MAX_OPERANDS, traced.size())
                : traced;
        Provenance best = null;
        for (Operand a : ops) {
            for (Operand b : ops) {
                for (char op : OPS) {
                    if (a != b && close(apply(a.value(), op, b.value()), t)) {
                        best = better(best, a.kind().weakest(b.kind()), text(a, op, b));
                    }
                }
            }
            for (Operand u1 : user) {
                for (char op1 : OPS) {
                    double once = apply(a.value(), op1, u1.value());
                    if (close(once, t)) {
                        best = better(best, a.kind(), text(a, op1, u1));
                        continue;
                    }
                    for (Operand u2 : user) {
                        for (char op2 : OPS) {
                            if (close(apply(once, op2, u2.value()), t)) {
                                best = better(best, a.kind(), "(" + text(a, op1, u1) + ") " + sym(op2) + " "
                                        + num(u2.value()) + " (" + u2.source() + ")");
                            }
                        }
                    }
                }
            }
            if (best != null && best.kind() == Provenance.Kind.USER) {
                return best;
            }
        }
        return best;
    }

    private static Provenance better(Provenance best, Provenance.Kind kind, String formula) {
        return best == null || kind.ordinal() < best.kind().ordinal() ? new Provenance(kind, formula, true) : best;
    }

    private static double apply(double a, char op, double b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> b == 0 ? Double.NaN : a / b;
            case '%' -> a * b / 100.0;
            case 'u' -> a * (1 + b / 100.0);
            default -> a * (1 - b / 100.0);
        };
    }

    private static boolean close(double x, double t) {
        return Math.abs(x - t) < CENT;
    }

    private static String text(Operand a, char op, Operand b) {
        return num(a.value()) + " (" + a.source() + ") " + sym(op) + " " + num(b.value()) + " (" + b.source() + ")";
    }

    private static String sym(char op) {
        return switch (op) {
            case '%' -> "% of";
            case 'u' -> "plus %";
            case 'd' -> "minus %";
            default -> String.valueOf(op);
        };
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
    }
}
