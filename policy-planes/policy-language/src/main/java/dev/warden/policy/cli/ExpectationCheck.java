package dev.warden.policy.cli;

import dev.warden.core.Basis;
import dev.warden.core.Decision;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares a decision with a case's {@code expect:} block; returns what differs, or {@code null}. */
final class ExpectationCheck {
    private ExpectationCheck() {}

    static String mismatch(Map<String, Object> expect, Decision d) {
        String kind = kind(d);
        String wanted = FixtureMapper.str(expect, "decision", null);
        if (wanted == null) {
            return "expect.decision is required";
        }
        if (!wanted.equals(kind)) {
            return "expected " + wanted + " but was " + kind + " (rules " + d.basis().ruleIds() + ", "
                    + describe(d) + ")";
        }
        List<String> rules = expect.get("rule") != null ? List.of(String.valueOf(expect.get("rule")))
                : expect.get("rules") != null ? FixtureMapper.strings(expect, "rules") : null;
        if (rules != null && !rules.equals(d.basis().ruleIds())) {
            return "expected rules " + rules + " but were " + d.basis().ruleIds();
        }
        String mode = FixtureMapper.str(expect, "mode", "enforce");
        if (!mode.equals(d.basis().mode() == Basis.Mode.MONITOR ? "monitor" : "enforce")) {
            return "expected mode " + mode + " but was " + d.basis().mode();
        }
        if (expect.get("args") instanceof Map<?, ?> args && d instanceof Decision.Transform t) {
            for (Map.Entry<?, ?> e : args.entrySet()) {
                Object actual = t.arguments().get(String.valueOf(e.getKey()));
                if (!sameValue(e.getValue(), actual)) {
                    return "expected args." + e.getKey() + " = " + e.getValue() + " but was " + actual;
                }
            }
        }
        return null;
    }

    static String kind(Decision d) {
        if (d instanceof Decision.Allow) {
            return "allow";
        }
        if (d instanceof Decision.Deny) {
            return "deny";
        }
        if (d instanceof Decision.RequireApproval) {
            return "require_approval";
        }
        if (d instanceof Decision.RequireConfirmation) {
            return "confirm";
        }
        return d instanceof Decision.Transform ? "transform" : "failure";
    }

    private static String describe(Decision d) {
        if (d instanceof Decision.Deny x) {
            return x.reason();
        }
        return d instanceof Decision.Failure f ? f.reason() : d.getClass().getSimpleName();
    }

    private static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(expected, actual);
    }
}
