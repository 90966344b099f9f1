package dev.warden.redteam;

import dev.warden.core.Governor;
import dev.warden.core.Verdict;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The planes the travel sample runs with, built in-process: identity and action-boundary over a {@link PolicyEngine}
 * loaded with the sample's own {@code policies/travel.yaml}, and the data-flow plane configured as the sample's
 * {@code application.properties} configures it. Records every tool-call verdict by run and call id.
 */
final class TravelGovernance {
    /** Verdicts of tool calls: run id → call id → verdicts in order (a held call later gets the human's verdict). */
    final Map<String, Map<String, List<Verdict>>> toolVerdicts = new ConcurrentHashMap<>();
    final Governor governor;

    private TravelGovernance(List<PolicySource> policies) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(policies);
        this.governor = ToolVerdicts.governor(engine, toolVerdicts)
                // as application.properties deploys it
                .plane(new DataFlowPlane(DataFlowConfig.builder()
                        .untrustedAction(DataFlowConfig.UntrustedAction.ALLOW_IF_PROVENANCE_CLEAN)
                        .endorsedAction(DataFlowConfig.EndorsedAction.DEFER_TO_POLICY)
                        .build(),
                        // the sample clears its models for the user's own RESTRICTED data
                        // (warden.data-flow.model-clearance): the suite measures the tool-side planes
                        dev.warden.dataflow.ModelClearances.builder()
                                .defaultClearance(dev.warden.core.Labels.UNRESTRICTED).build()))
                .build();
    }

    /** Exactly what the sample deploys. */
    static TravelGovernance shipped() {
        return new TravelGovernance(List.of(PolicySource.classpath("policies/travel.yaml")));
    }
}
