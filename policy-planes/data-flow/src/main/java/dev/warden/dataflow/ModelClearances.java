package dev.warden.dataflow;

import static dev.warden.core.Confidentiality.CONFIDENTIAL;

import dev.warden.core.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The model as a sink: what each model may be sent. A model is looked up by its name (the deployment an agent is
 * configured with, e.g. {@code provider} or {@code scripted}), then by its provider ({@code open_ai},
 * {@code anthropic}…); a model with no entry gets {@link #defaultClearance()} — {@code CONFIDENTIAL/*} unless set:
 * RESTRICTED content never leaves for a model nobody cleared for it. A local model may be cleared higher.
 *
 * <pre>{@code
 * ModelClearances models = ModelClearances.builder()
 *         .clearance("local-llama", Labels.UNRESTRICTED)
 *         .mode("provider", ModelClearances.Mode.DENY)
 *         .build();
 * DataFlowPlane plane = new DataFlowPlane(config, models);
 * }</pre>
 *
 * @param clearances clearance by model name or provider
 * @param modes what happens to a request above the model's clearance, by model name or provider
 * @param defaultClearance clearance of a model without an entry
 * @param defaultMode mode of a model without an entry
 */
public record ModelClearances(Map<String, Labels> clearances, Map<String, Mode> modes, Labels defaultClearance,
        Mode defaultMode) {

    /** The default for a model nobody cleared: confidential content of any category, nothing RESTRICTED. */
    public static final Labels HOSTED_DEFAULT = Labels.of(CONFIDENTIAL, Labels.ANY_CATEGORY);

    /** What a request carrying parts above the model's clearance gets. */
    public enum Mode {
        /** Each part above clearance is replaced by a marker naming its label; the model gets the rest. */
        REDACT,
        /** The model step is refused. */
        DENY
    }

    public ModelClearances {
        clearances = Map.copyOf(clearances);
        modes = Map.copyOf(modes);
        Objects.requireNonNull(defaultClearance, "defaultClearance");
        Objects.requireNonNull(defaultMode, "defaultMode");
    }

    /** Every model at {@link #HOSTED_DEFAULT}, over-clearance parts redacted. */
    public static ModelClearances defaults() {
        return builder().build();
    }

    /** The clearance of {@code model} (name first, then provider). */
    public Labels clearanceOf(String model, String provider) {
        Labels l = model == null ? null : clearances.get(model);
        if (l == null && provider != null) {
            l = clearances.get(provider);
        }
        return l == null ? defaultClearance : l;
    }

    /** The mode of {@code model} (name first, then provider). */
    public Mode modeOf(String model, String provider) {
        Mode m = model == null ? null : modes.get(model);
        if (m == null && provider != null) {
            m = modes.get(provider);
        }
        return m == null ? defaultMode : m;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ModelClearances}. */
    public static final class Builder {
        private final Map<String, Labels> clearances = new HashMap<>();
        private final Map<String, Mode> modes = new HashMap<>();
        private Labels defaultClearance = HOSTED_DEFAULT;
        private Mode defaultMode = Mode.REDACT;

        /** Clearance of the model (or provider) {@code name}. */
        public Builder clearance(String name, Labels value) {
            clearances.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Mode of the model (or provider) {@code name}. */
        public Builder mode(String name, Mode value) {
            modes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder defaultClearance(Labels value) {
            defaultClearance = Objects.requireNonNull(value, "value");
            return this;
        }

        public Builder defaultMode(Mode value) {
            defaultMode = Objects.requireNonNull(value, "value");
            return this;
        }

        public ModelClearances build() {
            return new ModelClearances(clearances, modes, defaultClearance, defaultMode);
        }
    }
}
