package dev.warden.dataflow.internal;

import dev.warden.core.Basis;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.ModelClearances;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code MODEL_REQUEST}: compares the labels of each part the request carries ({@link ModelInputs}) with the model's
 * clearance. Parts above it are withheld (a Transform mapping each to a marker naming its label) or the step is
 * refused, per the model's {@link ModelClearances.Mode}. A part of unknown labels counts as above every clearance
 * short of {@link Labels#UNRESTRICTED}; a request that describes no parts is judged by the run's context label and,
 * above clearance, refused — there is nothing it could withhold. Reasons name labels and sources, never content.
 */
public final class ModelSinkGuard {
    private final String plane;
    private final ModelClearances models;

    public ModelSinkGuard(String plane, ModelClearances models) {
        this.plane = plane;
        this.models = models;
    }

    public Decision check(CheckpointRequest request, Labels context) {
        String model = request.attributes().get(CheckpointAttributes.MODEL) instanceof String m ? m : null;
        String provider = request.target();
        Labels clearance = models.clearanceOf(model, provider);
        String who = "model " + (model == null ? "" : "'" + model + "' ") + "(provider "
                + (provider == null ? "unknown" : provider) + ")";
        List<ModelInputs.Part> parts = ModelInputs.of(request);
        if (parts == null) {
            return EgressGuard.fits(clearance, context) ? allow()
                    : deny(DataFlowCodes.MODEL_ABOVE_CLEARANCE, "the request to " + who + " carries the run's context "
                            + context + " (no parts described to withhold), above the model's clearance " + clearance);
        }
        Map<String, Object> withheld = new LinkedHashMap<>();
        List<String> what = new ArrayList<>();
        boolean unknown = false;
        for (ModelInputs.Part p : parts) {
            boolean known = p.known() && p.id() != null;
            if (known ? EgressGuard.fits(clearance, p.labels()) : EgressGuard.fits(clearance, Labels.UNRESTRICTED)) {
                continue;
            }
            unknown |= !known;
            String whole = ModelInputs.marker(known ? p.labels() : null);
            Map<String, String> fields = known ? overClearanceFields(p, clearance) : Map.of();
            withheld.put(p.id() == null ? "?" : p.id(), fields.isEmpty() ? whole
                    : ModelInputs.fieldsWithheld(whole, fields));
            what.add((p.source() != null ? p.source() : String.valueOf(p.role())) + " "
                    + (known ? p.labels().toString() : "(labels unknown)")
                    + (fields.isEmpty() ? "" : " (fields " + String.join(",", fields.keySet()) + " only)"));
        }
        if (withheld.isEmpty()) {
            return allow();
        }
        String summary = withheld.size() + " part(s) above the clearance " + clearance + " of " + who + ": "
                + String.join(", ", what);
        if (withheld.containsKey("?") || models.modeOf(model, provider) == ModelClearances.Mode.DENY) {
            return deny(unknown ? DataFlowCodes.MODEL_INPUT_UNLABELLED : DataFlowCodes.MODEL_ABOVE_CLEARANCE,
                    "the request carries " + summary);
        }
        return new Decision.Transform(withheld, null, null, "withheld " + summary,
                Basis.rule(plane, null, null, DataFlowCodes.RULE_MODEL_CLEARANCE));
    }

    /**
     * The fields of {@code p} to withhold instead of the whole part (decision 0069), each with its marker: only when
     * the part's residual labels fit the clearance and some field does not; empty otherwise (withhold it whole).
     */
    private static Map<String, String> overClearanceFields(ModelInputs.Part p, Labels clearance) {
        if (p.residual() == null || p.fields().isEmpty() || !EgressGuard.fits(clearance, p.residual())) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.fields().forEach((name, labels) -> {
            if (!EgressGuard.fits(clearance, labels)) {
                out.put(name, ModelInputs.marker(labels));
            }
        });
        return out;
    }

    private Decision allow() {
        return Decision.allow(Basis.rule(plane, null, null, DataFlowCodes.RULE_MODEL_CLEARANCE));
    }

    private Decision deny(String code, String reason) {
        return Decision.deny(reason, code, Basis.rule(plane, null, null, DataFlowCodes.RULE_MODEL_CLEARANCE));
    }
}
