package dev.warden.redteam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What the suites' checks share: a check is a map of named predicates that must all hold, or a list of such checks
 * of which one must hold; a malformed check is an error ({@link RedTeamCodes#UNKNOWN_CHECK}), never a pass.
 */
final class CheckSpecs {
    private CheckSpecs() {}

    /** Whether {@code check} holds, each {@code name: arg} entry of a map tested by {@code predicate}. */
    static boolean holds(Object check, BiPredicate<String, Object> predicate) {
        if (check instanceof List<?> any) {
            return any.stream().anyMatch(c -> holds(c, predicate));
        }
        if (!(check instanceof Map<?, ?> all)) {
            throw bad("a check is a map or a list of maps, got " + check);
        }
        for (Map.Entry<?, ?> e : all.entrySet()) {
            if (!predicate.test(String.valueOf(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    static String lower(Object o) {
        return String.valueOf(o).toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object arg) {
        if (arg instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw bad("expected a map, got " + arg);
    }

    static IllegalStateException unknown(String name, Set<String> known) {
        return bad("unknown check '" + name + "' (known: " + known + ")");
    }

    static IllegalStateException bad(String what) {
        return new IllegalStateException(RedTeamCodes.message(RedTeamCodes.UNKNOWN_CHECK, what));
    }
}
