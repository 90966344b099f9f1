package dev.warden.redteam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.core.Governor;
import dev.warden.core.Verdict;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.core.Labels;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.spi.PolicyPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The planes the banking sample runs with, built in-process: identity and action-boundary over a {@link PolicyEngine}
 * loaded with the sample's own {@code policies/banking.yaml}, and the data-flow plane with the starter's defaults
 * (untrusted action {@code require-approval}, user clearance {@code RESTRICTED/*}). {@link #weakened} removes rules and
 * planes, to prove the harness can measure a failure. Records every tool-call verdict by run and call id.
 */
final class BankingGovernance {
    /** Verdicts of tool calls: run id → call id → verdicts in order (a held call later gets the human's verdict). */
    final Map<String, Map<String, List<Verdict>>> toolVerdicts = new ConcurrentHashMap<>();
    final Governor governor;
    /** The bank of the attempt running now: the {@code known-payees} data set reads that customer's records. */
    final java.util.concurrent.atomic.AtomicReference<dev.warden.samples.banking.BankingAssistant> bank =
            new java.util.concurrent.atomic.AtomicReference<>();

    private BankingGovernance(List<PolicySource> policies, boolean dataFlow, List<PolicyPlane> extraPlanes) {
        PolicyEngine engine = PolicyEngine.builder()
                .dataSet(new dev.warden.samples.banking.KnownPayees(bank::get)).build();
        engine.load(policies);
        Governor.Builder b = ToolVerdicts.governor(engine, toolVerdicts);
        if (dataFlow) {
            // As the sample deploys it (application.properties): provenance-clean calls pass after untrusted content,
            // values from a document the user named are left to the policies.
            b.plane(new DataFlowPlane(DataFlowConfig.builder()
                    .untrustedAction(DataFlowConfig.UntrustedAction.ALLOW_IF_PROVENANCE_CLEAN)
                    .endorsedAction(DataFlowConfig.EndorsedAction.DEFER_TO_POLICY)
                    .build(),
                    // the in-process plan model stands for the sample's scripted model, which the sample clears
                    // RESTRICTED/* (warden.models.scripted.clearance): the suite measures the tool-side planes
                    dev.warden.dataflow.ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED).build()));
        }
        extraPlanes.forEach(b::plane);
        this.governor = b.build();
    }

    /** Exactly what the sample deploys. */
    static BankingGovernance shipped() {
        return new BankingGovernance(List.of(PolicySource.classpath("policies/banking.yaml")), true, List.of());
    }

    /** The shipped set plus extra planes (fault injection). */
    static BankingGovernance shippedWith(PolicyPlane... extra) {
        return new BankingGovernance(List.of(PolicySource.classpath("policies/banking.yaml")), true,
                List.of(extra));
    }

    /** The shipped policies without the given rules, and without the data-flow plane unless {@code dataFlow}. */
    static BankingGovernance weakened(Set<String> withoutRules, boolean dataFlow) {
        return new BankingGovernance(List.of(new PolicySource("weakened:banking.yaml",
                without(PolicySource.classpath("policies/banking.yaml").text(), withoutRules))), dataFlow, List.of());
    }

    private static String without(String yaml, Set<String> ruleIds) {
        try {
            ObjectMapper m = new ObjectMapper(new YAMLFactory());
            ObjectNode doc = (ObjectNode) m.readTree(yaml);
            ArrayNode rules = (ArrayNode) doc.get("rules");
            for (Iterator<com.fasterxml.jackson.databind.JsonNode> it = rules.iterator(); it.hasNext(); ) {
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
