package dev.warden.policy.internal;

import dev.warden.policy.PolicyDataSet;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data sets one engine knows, and membership by normalised value ({@code dataset.contains}). Values are compared
 * after NFKC case folding with all whitespace removed; numbers (and strings that are numbers) compare by numeric value,
 * so {@code 98.7} is the member {@code "98.70"}. Thread-safe: the registry is immutable once built.
 */
public final class DataSets {
    /** Names rules may use. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private final Map<String, PolicyDataSet> byName;

    public DataSets(Collection<PolicyDataSet> sets) {
        Map<String, PolicyDataSet> m = new LinkedHashMap<>();
        for (PolicyDataSet s : sets) {
            String name = s.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("data set name '" + name + "' is not valid (letters, digits, '-', "
                        + "'_', '.'; at most 128 characters)");
            }
            if (m.putIfAbsent(name, s) != null) {
                throw new IllegalArgumentException("two data sets are named '" + name + "'");
            }
        }
        this.byName = Map.copyOf(m);
    }

    public static DataSets none() {
        return new DataSets(java.util.List.of());
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }

    public boolean knows(String name) {
        return byName.containsKey(name);
    }

    /**
     * Whether {@code value} is in set {@code name} for the requester ({@code tenant}/{@code user} may be null for the
     * global form). An unknown name or a set that fails throws, so the evaluation fails closed.
     */
    public boolean contains(String name, String tenant, String user, Object value) {
        PolicyDataSet set = byName.get(name);
        if (set == null) {
            throw new IllegalStateException("no data set named '" + name + "'");
        }
        String wanted = normalise(value);
        if (wanted.isEmpty()) {
            return false;
        }
        Collection<String> values = set.values(tenant, user);
        if (values == null) {
            throw new IllegalStateException("data set '" + name + "' returned no values");
        }
        for (String v : values) {
            if (wanted.equals(normalise(v))) {
                return true;
            }
        }
        return false;
    }

    /** The comparable form of a value: numbers canonical, text folded without whitespace; {@code ""} for null. */
    static String normalise(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return number(new BigDecimal(n.toString()));
        }
        String folded = TextMatch.fold(String.valueOf(value)).replaceAll("\\s+", "");
        if (NUMBER.matcher(folded).matches()) {
            return number(new BigDecimal(folded));
        }
        return folded;
    }

    private static String number(BigDecimal d) {
        return "#" + (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    }
}
