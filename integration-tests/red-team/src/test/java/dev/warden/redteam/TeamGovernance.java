package dev.warden.redteam;

import dev.warden.action.ActionBoundaryPlane;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Verdict;
import dev.warden.spi.AuditSink;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.identity.IdentityPlane;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The planes of the research team, built in-process as the sample configures them: identity and action-boundary over a
 * {@link PolicyEngine} loaded with the sample's {@code policies/research-team.yaml} (identity also enforces that a
 * delegated tool call needs a scope every hop granted; a tool's scope is its name), and the data-flow plane with
 * {@code personal_data} labelled RESTRICTED/PII ({@code warden.data-flow.field-labels.personal_data}, whole-run: free
 * text is not value-scoped), defaults otherwise. One instance per run: {@link #governor} builds one governor per agent, all recording into {@link #seen}.
 */
final class TeamGovernance {
    static final String POLICY = "policies/research-team.yaml";
    private static final PolicyEngine SHIPPED = engine();

    /** Every verdict of the run, in order, with the agent and chain it was taken for. */
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final boolean dataFlow;
    private final AuditSink sink;

    /** A verdict as the harness reads it. */
    record Seen(String agent, List<String> chain, Checkpoint checkpoint, String target, Verdict verdict,
            String content) {}

    private final dev.warden.dataflow.ModelClearances models;

    TeamGovernance(boolean dataFlow, AuditSink sink) {
        // the in-process plan model stands for the sample's scripted model, which the sample clears RESTRICTED/*
        // (warden.models.scripted.clearance): the suite measures the tool-side planes
        this(dataFlow, sink, dev.warden.dataflow.ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED)
                .build());
    }

    /** With the given model clearances (a hosted model that is not cleared for RESTRICTED content). */
    TeamGovernance(boolean dataFlow, AuditSink sink, dev.warden.dataflow.ModelClearances models) {
        this.dataFlow = dataFlow;
        this.sink = sink;
        this.models = models;
    }

    static PolicyEngine engine() {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(List.of(PolicySource.classpath(POLICY)));
        return engine;
    }

    /** A governor builder for one agent with every plane; the caller wires delegation and builds. */
    Governor.Builder governor() {
        Governor.Builder b = Governor.builder()
                .plane(IdentityPlane.builder().engine(SHIPPED).build())
                .plane(ActionBoundaryPlane.builder().engine(SHIPPED)
                        .budgetStore(new InMemoryBudgetStore(Clock.systemUTC())).build())
                .observer(this::record);
        if (dataFlow) {
            b.plane(new DataFlowPlane(DataFlowConfig.builder()
                    // as shipped: free text, labelled whole-run (not value-scoped; decision 0029)
                    .fieldLabels("personal_data", Labels.of(Confidentiality.RESTRICTED, "PII")).build(), models,
                    // the sample's declassify rule: the requester may declassify a blog post (decision 0039)
                    SHIPPED.declassificationPolicy()));
        }
        if (sink != null) {
            b.auditSink(sink);
        }
        return b;
    }

    private void record(CheckpointRequest request, GovernanceContext context, Verdict verdict, Object ignored) {
        seen.add(new Seen(context.agent().id(), context.chain().stream().map(Hop::agentId).toList(),
                request.checkpoint(), request.checkpoint() == Checkpoint.TOOL_CALL ? request.toolName()
                        : request.target(), verdict, request.content()));
    }
}
