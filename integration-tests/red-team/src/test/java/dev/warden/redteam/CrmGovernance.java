package dev.warden.redteam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.core.Confidentiality;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
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
 * The planes the CRM sample runs with, built in-process: identity and action-boundary over a {@link PolicyEngine}
 * loaded with the sample's own {@code policies/crm.yaml}, and the data-flow plane configured as the sample's
 * {@code application.properties} configures it (field labels {@code ssn} and {@code tax_id} RESTRICTED/PII and
 * value-scoped, internal domain {@code acme.example}, approver role {@code manager}, the starter's defaults otherwise: untrusted action {@code require-approval}, user clearance
 * {@code RESTRICTED/*}). The policy engine warms every rule up when it loads (SQL parser and CEL interpreter), so a
 * cold start does not overrun the plane's time budget. Records every tool-call verdict.
 */
final class CrmGovernance {
    static final String POLICY = "policies/crm.yaml";

    /** Verdicts of tool calls: run id → call id → verdicts in order (a held call later gets the human's verdict). */
    final Map<String, Map<String, List<Verdict>>> toolVerdicts = new ConcurrentHashMap<>();
    final Governor governor;

    private CrmGovernance(PolicySource policy, boolean dataFlow) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(List.of(policy));
        Governor.Builder b = ToolVerdicts.governor(engine, toolVerdicts);
        if (dataFlow) {
            Labels restrictedPii = Labels.of(Confidentiality.RESTRICTED, "PII");
            b.plane(new DataFlowPlane(DataFlowConfig.builder()
                    .fieldLabels("ssn", restrictedPii)
                    .fieldLabels("tax_id", restrictedPii)
                    .approverRoles("manager")
                    .valueScopedFields("ssn", "tax_id")
                    .internalDomains("acme.example")
                    .sinkClearance(DataFlowConfig.USER_CHANNEL, Labels.of(Confidentiality.RESTRICTED, Labels.ANY_CATEGORY))
                    .build(),
                    // the in-process plan model stands for the sample's scripted model, which the sample clears
                    // RESTRICTED/* (warden.models.scripted.clearance): the suite measures the tool-side planes
                    dev.warden.dataflow.ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED).build()));
        }
        this.governor = b.build();
    }

    /** Exactly what the sample deploys. */
    static CrmGovernance shipped() {
        return new CrmGovernance(PolicySource.classpath(POLICY), true);
    }

    /** The shipped policies without the given rules, and without the data-flow plane unless {@code dataFlow}. */
    static CrmGovernance weakened(Set<String> withoutRules, boolean dataFlow) {
        return new CrmGovernance(new PolicySource("weakened:crm.yaml",
                without(PolicySource.classpath(POLICY).text(), withoutRules)), dataFlow);
    }

    private static String without(String yaml, Set<String> ruleIds) {
        try {
            ObjectMapper m = new ObjectMapper(new YAMLFactory());
            ObjectNode doc = (ObjectNode) m.readTree(yaml);
            for (Iterator<JsonNode> it = ((ArrayNode) doc.get("rules")).iterator(); it.hasNext(); ) {
                if (ruleIds.contains(it.next().path("id").asText())) {
                    it.remove();
                }
            }
            return m.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
