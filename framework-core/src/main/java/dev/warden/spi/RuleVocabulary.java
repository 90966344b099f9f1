package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The extra variables and functions YAML rules of one plugin plane may use, besides the standard ones ({@code user},
 * {@code args}, {@code tool}…, see the policy guide). Rules with {@code plane: <name>} are type-checked against the
 * standard vocabulary plus this one when they load, with file/line/rule errors like every rule; rules of other planes
 * cannot see it.
 *
 * <p>Variables are computed per checkpoint, lazily (only when a rule reads them) and at most once per evaluation;
 * functions are pure. Both run inside the plane's time budget, on the evaluating thread: they must be pure CPU,
 * non-blocking and thread-safe. A resolver or function that throws makes the rule's evaluation a failure (the action
 * is blocked: fail closed).
 *
 * <p>Values follow CEL's Java mapping: {@code BOOL} {@link Boolean}, {@code INT} {@link Long}, {@code DOUBLE}
 * {@link Double}, {@code STRING} {@link String}, {@code STRING_LIST} a {@link List} of strings, {@code MAP} a
 * {@link Map} with string keys, {@code TIMESTAMP} {@link java.time.Instant}, {@code DURATION}
 * {@link java.time.Duration}, {@code DYN} any of these.
 *
 * <pre>{@code
 * RuleVocabulary.builder("per-user-rate")
 *         .variable("rate", Type.MAP, "calls of this tool by this user in the last hour, as {count, window}",
 *                 (req, ctx) -> Map.of("count", counter.count(ctx.user().id(), req.toolName()), "window", "1h"))
 *         .function("rate.over", List.of(Type.STRING, Type.INT), Type.BOOL, "whether the user made more than n calls",
 *                 args -> counter.count((String) args.get(0)) > (Long) args.get(1))
 *         .build();
 * }</pre>
 * Then: {@code when: 'rate.count >= 5 && tool.name == "send_money"'}.
 */
public final class RuleVocabulary {
    private static final Pattern VARIABLE = Pattern.compile("[a-z][A-Za-z0-9_]*");
    private static final Pattern FUNCTION = Pattern.compile("[a-z][A-Za-z0-9_]*(\\.[a-z][A-Za-z0-9_]*)*");

    /** Types a variable, parameter or result may have. */
    public enum Type { BOOL, INT, DOUBLE, STRING, STRING_LIST, LIST, MAP, TIMESTAMP, DURATION, DYN }

    /** Computes a variable's value for one checkpoint. */
    @FunctionalInterface
    public interface Resolver {
        Object resolve(CheckpointRequest request, GovernanceContext context);
    }

    /** A function's implementation; {@code arguments} are in declaration order, never null themselves. */
    @FunctionalInterface
    public interface Body {
        Object apply(List<Object> arguments);
    }

    /** A declared variable. */
    public record Variable(String name, Type type, String description, Resolver resolver) {}

    /** A declared function (global, e.g. {@code rate.over(x, 5)}). */
    public record Function(String name, List<Type> parameters, Type result, String description, Body body) {}

    private final String plane;
    private final Map<String, Variable> variables;
    private final Map<String, Function> functions;

    private RuleVocabulary(Builder b) {
        this.plane = b.plane;
        this.variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
        this.functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.functions));
    }

    /** A vocabulary for rules with {@code plane: <plane>}. */
    public static Builder builder(String plane) {
        return new Builder(plane);
    }

    /** The plane whose rules may use this vocabulary. */
    public String plane() {
        return plane;
    }

    /** Variables by name, in declaration order. */
    public Map<String, Variable> variables() {
        return variables;
    }

    /** Functions by name, in declaration order. */
    public Map<String, Function> functions() {
        return functions;
    }

    /** Builds a {@link RuleVocabulary}; names are checked here, clashes with Warden's names when the engine is built. */
    public static final class Builder {
        private final String plane;
        private final Map<String, Variable> variables = new LinkedHashMap<>();
        private final Map<String, Function> functions = new LinkedHashMap<>();

        private Builder(String plane) {
            this.plane = Objects.requireNonNull(plane, "plane");
        }

        public Builder variable(String name, Type type, String description, Resolver resolver) {
            if (!VARIABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("variable name '" + name + "' of plane '" + plane
                        + "' must match " + VARIABLE);
            }
            if (variables.putIfAbsent(name, new Variable(name, Objects.requireNonNull(type), description,
                    Objects.requireNonNull(resolver))) != null) {
                throw new IllegalArgumentException("plane '" + plane + "' declares variable '" + name + "' twice");
            }
            return this;
        }

        public Builder function(String name, List<Type> parameters, Type result, String description, Body body) {
            if (!FUNCTION.matcher(name).matches()) {
                throw new IllegalArgumentException("function name '" + name + "' of plane '" + plane
                        + "' must match " + FUNCTION);
            }
            if (functions.putIfAbsent(name, new Function(name, List.copyOf(new ArrayList<>(parameters)),
                    Objects.requireNonNull(result), description, Objects.requireNonNull(body))) != null) {
                throw new IllegalArgumentException("plane '" + plane + "' declares function '" + name + "' twice");
            }
            return this;
        }

        public RuleVocabulary build() {
            return new RuleVocabulary(this);
        }
    }
}
