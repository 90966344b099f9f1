package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.RootRequest;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.model.scripted.ScriptedChatModel;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Review13 M2/M3 (decision 0073): the person's root request goes to a remote peer only when its text passes the
 * data-flow check for that peer's clearance, and never when {@code send-root-request} is off; the {@code DELEGATION}
 * record says which (with a digest, never the text).
 */
class RootRequestToRemotePeersTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    static final String TASK = "Lisbon forecast for next week";
    final List<RootRequest> arrived = new CopyOnWriteArrayList<>();
    final List<CheckpointRequest> delegations = new CopyOnWriteArrayList<>();

    /** A peer reached over the wire: what it is sent is what {@code calleeContext} holds. */
    final class RemotePeer implements AgentEndpoint {
        final LocalAgentEndpoint inner;

        RemotePeer(GovernedAgent agent) {
            inner = new LocalAgentEndpoint(agent);
        }

        @Override
        public String transport() {
            return "warden-http";
        }

        @Override
        public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
            arrived.add(calleeContext.task().request());
            return inner.invoke(task, calleeContext, otel);
        }
    }

    void run(String request, boolean send) {
        GovernedAgent weather = GovernedAgent.builder().id("weather")
                .model(ScriptedChatModel.script().reply("sunny").build()).governor(Governor.builder().build()).build();
        AgentDirectory dir = AgentDirectory.builder()
                .agent(new AgentCard("supervisor", "1", "team", "routes work", "scripted", List.of(), List.of(),
                        List.of(TrustEdge.of("supervisor", "weather")), null))
                .agent(AgentCard.of(weather, "forecasts", "scripted", List.of(), List.of()))
                .build();
        Delegator delegator = new Delegator(dir, Map.of("weather", new RemotePeer(weather)), DelegationLimits.DEFAULT,
                send);
        DelegateTool delegate = new DelegateTool(delegator, List.of("weather"));
        Governor governor = delegate.wire(Governor.builder())
                .plane(new DataFlowPlane(DataFlowConfig.builder().sinkClearance("weather", Labels.PUBLIC).build(),
                        ModelClearances.builder().defaultClearance(Labels.UNRESTRICTED).build()))
                .plane(TestPlanes.of("recorder", 500, EnumSet.of(Checkpoint.DELEGATION), (r, c) -> {
                    delegations.add(r);
                    return Decision.allow("recorder");
                }))
                .build();
        GovernedAgent supervisor = GovernedAgent.builder().id("supervisor")
                .model(ScriptedChatModel.script().callTool("delegate", Map.of("agent", "weather", "task", TASK))
                        .reply("done").build())
                .tools(delegate.register(ToolRegistry.builder(), governor).build())
                .governor(governor).build();
        supervisor.runBlocking(request, ALICE);
    }

    @Test
    void a_root_request_holding_a_card_number_is_not_sent_to_a_public_peer() {
        run("My card is 4111 1111 1111 1111 exp 12/29, book the Lisbon flight, and ask the weather agent for the "
                + "Lisbon forecast", true);

        assertThat(arrived).hasSize(1);
        assertThat(new ArrayList<>(arrived)).containsOnlyNulls();
        assertThat(delegations.get(0).attributes()).containsEntry(RootRequestRelease.ATTRIBUTE, "withheld")
                .containsKey(RootRequestRelease.DIGEST_ATTRIBUTE);
        assertThat(String.valueOf(delegations.get(0).attributes())).doesNotContain("4111");
    }

    @Test
    void a_root_request_holding_an_ssn_is_not_sent_to_a_public_peer() {
        run("my social security number is 536-22-8741; ask the weather agent for the Lisbon forecast", true);

        assertThat(new ArrayList<>(arrived)).hasSize(1).containsOnlyNulls();
    }

    @Test
    void a_root_request_that_fits_the_peer_is_sent_and_its_digest_recorded() {
        run("ask the weather agent for the Lisbon forecast", true);

        assertThat(arrived).containsExactly(RootRequest.of(ALICE, "ask the weather agent for the Lisbon forecast"));
        assertThat(delegations.get(0).attributes()).containsEntry(RootRequestRelease.ATTRIBUTE, "attached")
                .containsKey(RootRequestRelease.DIGEST_ATTRIBUTE);
    }

    @Test
    void with_sending_switched_off_no_root_request_goes_to_a_remote_peer() {
        run("ask the weather agent for the Lisbon forecast", false);

        assertThat(new ArrayList<>(arrived)).hasSize(1).containsOnlyNulls();
        assertThat(delegations.get(0).attributes()).containsEntry(RootRequestRelease.ATTRIBUTE, "disabled");
    }
}
