package dev.warden.plane.rate;

import dev.warden.core.Obligation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sliding-window limit: at most {@link #limit} calls in any {@link #window} per distinct combination of the
 * {@link #per} dimensions. Written in YAML as the {@value #OBLIGATION} obligation of a {@code plane: rate} rule:
 *
 * <pre>{@code
 * - id: send-money-5-per-user-hour
 *   plane: rate
 *   on: [TOOL_CALL]
 *   when: tool.name == "send_money"
 *   decision: allow
 *   obligations:
 *     - {type: rate-limit, limit: 5, per: user, window: 1h}
 * }</pre>
 *
 * <p>{@code per} is one dimension or several joined by {@code +} ({@code user+agent+tool}); it is required, so a
 * list written as a YAML sequence (which obligations cannot hold) is an error, never a silently wider limit.
 * {@code buckets} (default {@value #DEFAULT_BUCKETS}, 1–{@value #MAX_BUCKETS}) sets the window's resolution: the
 * window is counted in {@code buckets} sub-windows plus the current one, so a limit is never exceeded in any interval
 * of length {@code window}, and a caller at the limit may wait up to {@code window / buckets} longer than the exact
 * sliding window would make them.
 *
 * @param ruleId the rule that declares the limit (recorded in decisions)
 * @param limit most calls in any window; 0 blocks every matching call
 * @param window length of the sliding window
 * @param per dimensions counted per, in {@link RateDimension} order
 * @param buckets sub-windows per window
 */
public record RateLimit(String ruleId, long limit, Duration window, Set<RateDimension> per, int buckets) {
    /** The obligation type that declares a limit. */
    public static final String OBLIGATION = "rate-limit";
    public static final int DEFAULT_BUCKETS = 10;
    public static final int MAX_BUCKETS = 60;
    private static final Set<String> PARAMETERS = Set.of("limit", "window", "per", "buckets");
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    public RateLimit {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(window, "window");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        if (per == null || per.isEmpty()) {
            throw new IllegalArgumentException("'per' needs at least one of user, agent, tool, run, tenant");
        }
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("buckets must be 1.." + MAX_BUCKETS + ", got " + buckets);
        }
        if (window.toMillis() < buckets || window.toMillis() % buckets != 0) {
            throw new IllegalArgumentException("window " + window + " must be a whole number of milliseconds "
                    + "divisible by buckets (" + buckets + ")");
        }
        per = Set.copyOf(EnumSet.copyOf(per));
    }

    /** Length of one sub-window, in milliseconds. */
    public long bucketMillis() {
        return window.toMillis() / buckets;
    }

    /**
     * Reads a {@value #OBLIGATION} obligation.
     *
     * @throws IllegalArgumentException naming the parameter at fault
     */
    public static RateLimit fromObligation(String ruleId, Obligation o) {
        Map<String, String> p = o.parameters();
        for (String k : p.keySet()) {
            if (!PARAMETERS.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "' (known: limit, window, per, buckets)");
            }
        }
        long limit = number(p, "limit", true, -1);
        Duration window = duration(required(p, "window"));
        Set<RateDimension> per = dimensions(required(p, "per"));
        int buckets = (int) number(p, "buckets", false, DEFAULT_BUCKETS);
        return new RateLimit(ruleId, limit, window, per, buckets);
    }

    /** The limit in words, for reasons and docs: {@code 5 per user+tool per PT1H}. */
    public String describe() {
        List<String> dims = new ArrayList<>();
        per.stream().sorted().forEach(d -> dims.add(d.yaml()));
        return limit + " per " + String.join("+", dims) + " per " + window;
    }

    private static String required(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter '" + key + "'");
        }
        return v.trim();
    }

    private static long number(Map<String, String> p, String key, boolean required, long dflt) {
        String v = required ? required(p, key) : p.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new IllegalArgumentException("'" + key + "' must not be negative, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    static Duration duration(String text) {
        Matcher m = SHORT.matcher(text);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("window '" + text + "' must be like 30s, 15m, 1h, 1d or PT1H");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("window '" + text + "' must be positive");
        }
        return d;
    }

    private static Set<RateDimension> dimensions(String text) {
        Set<RateDimension> out = EnumSet.noneOf(RateDimension.class);
        for (String part : text.split("[+,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            RateDimension d = RateDimension.fromYaml(part);
            if (d == null) {
                throw new IllegalArgumentException("unknown 'per' dimension '" + part
                        + "' (known: tenant, user, agent, tool, run)");
            }
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("missing parameter 'per'");
        }
        return out;
    }
}
