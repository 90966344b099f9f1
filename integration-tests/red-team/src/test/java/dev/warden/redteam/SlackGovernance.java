package dev.warden.redteam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.core.Governor;
import dev.warden.core.Verdict;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The planes the Slack sample runs with, built in-process: identity and action-boundary over a {@link PolicyEngine}
 * loaded with the sample's own {@code policies/slack.yaml}, and the data-flow plane configured as the sample's
 * {@code application.properties} configures it. {@link #without} drops rules, to measure what one rule costs and buys.
 * Records every tool-call verdict by run and call id.
 */
final class SlackGovernance {
    static final String POLICY = "policies/slack.yaml";
    /** Verdicts of tool calls: run id → call id → verdicts in order (a held call later gets the human's verdict). */
    final Map<String, Map<String, List<Verdict>>> toolVerdicts = new ConcurrentHashMap<>();
    final Governor governor;

    private SlackGovernance(PolicySource policy) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(List.of(policy));
        this.governor = ToolVerdicts.governor(engine, toolVerdicts)
                .plane(new DataFlowPlane(DataFlowConfig.builder()
                        .untrustedAction(DataFlowConfig.UntrustedAction.ALLOW_IF_PROVENANCE_CLEAN)
                        .endorsedAction(DataFlowConfig.EndorsedAction.DEFER_TO_POLICY)
                        .approverRoles("it-admin")
                        .build(),
                        // the sample clears its models for the user's own RESTRICTED data
                        // (warden.data-flow.model-clearance): the suite measures the tool-side planes
                        dev.warden.dataflow.ModelClearances.builder()
                                .defaultClearance(dev.warden.core.Labels.UNRESTRICTED).build()))
                .build();
    }

    /** Exactly what the sample deploys. */
    static SlackGovernance shipped() {
        return new SlackGovernance(PolicySource.classpath(POLICY));
    }

    /** The shipped policies without the given rules. */
    static SlackGovernance without(Set<String> ruleIds) {
        try {
            ObjectMapper m = new ObjectMapper(new YAMLFactory());
            ObjectNode doc = (ObjectNode) m.readTree(PolicySource.classpath(POLICY).text());
            for (Iterator<JsonNode> it = ((ArrayNode) doc.get("rules")).iterator(); it.hasNext(); ) {
                if (ruleIds.contains(it.next().path("id").asText())) {
                    it.remove();
                }
            }
            return new SlackGovernance(new PolicySource("without-" + String.join("+", ruleIds) + ":slack.yaml",
                    m.writeValueAsString(doc)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
