package dev.warden.core;

import java.util.Map;
import java.util.Objects;

/**
 * Something the runtime must do when it acts on a decision, e.g. {@code notify(security)} or {@code log-full-args}.
 * Obligations accumulate across planes; the runtime records all of them and executes the ones it knows.
 */
public record Obligation(String type, Map<String, String> parameters) {
    public Obligation {
        Objects.requireNonNull(type, "type");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static Obligation of(String type) {
        return new Obligation(type, Map.of());
    }
}
