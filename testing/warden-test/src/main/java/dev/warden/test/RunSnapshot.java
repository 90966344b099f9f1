package dev.warden.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.Labels;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the assertions look at, read alike from an in-process {@link RunResult} and from the REST API's run JSON
 * ({@code POST /v1/agents/{id}/runs}, approvals and confirmations answer the same shape).
 *
 * @param labels the labels the run accumulated; {@code null} for the REST shape, which does not carry them
 */
public record RunSnapshot(String status, String output, List<Decision> decisions, Labels labels, String source) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One checkpoint verdict: its own rule ids and those of every plane verdict under it. */
    public record Decision(String checkpoint, String tool, String decision, List<String> ruleIds) {
        @Override
        public String toString() {
            return checkpoint + (tool == null ? "" : "(" + tool + ")") + " " + decision + " " + ruleIds;
        }
    }

    public static RunSnapshot of(RunResult run) {
        List<Decision> decisions = new ArrayList<>();
        for (DecisionSummary d : run.decisions()) {
            List<String> ids = new ArrayList<>(d.ruleIds());
            d.planes().forEach(p -> ids.addAll(p.ruleIds()));
            decisions.add(new Decision(d.checkpoint(), d.tool(), d.outcome(), List.copyOf(ids)));
        }
        return new RunSnapshot(run.status().name(), run.output(), List.copyOf(decisions),
                run.context() == null ? null : run.context().labels(), "run " + run.runId());
    }

    /** The REST run JSON (a {@code RunView}). */
    public static RunSnapshot ofJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a run JSON document: " + json, e);
        }
        if (!root.hasNonNull("status")) {
            throw new IllegalArgumentException("not a run JSON document (no status): " + json);
        }
        List<Decision> decisions = new ArrayList<>();
        for (JsonNode d : root.path("decisions")) {
            List<String> ids = new ArrayList<>();
            d.path("ruleIds").forEach(id -> ids.add(id.asText()));
            d.path("planes").forEach(p -> p.path("ruleIds").forEach(id -> ids.add(id.asText())));
            decisions.add(new Decision(d.path("checkpoint").asText(null), d.path("tool").asText(null),
                    d.path("decision").asText(null), List.copyOf(ids)));
        }
        return new RunSnapshot(root.path("status").asText(), root.path("output").asText(null),
                List.copyOf(decisions), null, "run " + root.path("runId").asText("?"));
    }
}
