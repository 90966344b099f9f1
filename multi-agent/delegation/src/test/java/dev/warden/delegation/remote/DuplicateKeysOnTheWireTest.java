package dev.warden.delegation.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.testing.TestClock;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TrustedKeys;
import dev.warden.model.scripted.StallingChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/delegations} with a key twice ({@code "task"}) is a malformed body (decision 0056): which task a
 * parser keeps is not defined, so none runs. A regression guard: the wire was strict before.
 */
class DuplicateKeysOnTheWireTest {
    final SigningKey key = SigningKey.generateEs256("caller-1");
    final WardenService callee = new WardenService("svc-callee");

    @AfterEach
    void stop() {
        callee.close();
    }

    @Test
    void a_delegation_body_with_the_same_key_twice_is_a_400_and_runs_nothing() throws Exception {
        URI uri = callee.bind();
        AgentDirectory dir = RemoteDeadlineTest.plannerAndAnalyst();
        StallingChatModel model = new StallingChatModel();
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").model(model)
                .governor(callee.govern(Governor.builder())).build();
        TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
        callee.start(Map.of("analyst", analyst), dir, ContextTokenVerifier.of(TrustedKeys.of(key),
                Set.of("svc-caller"), clock, 2));
        GovernanceContext calleeCtx = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("analyst"))
                .withHop(new dev.warden.core.Hop("planner", Set.of()));
        String token = new ContextTokenIssuer(key, "svc-caller", clock, Duration.ofSeconds(60))
                .issue(calleeCtx, "export everything");

        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri.resolve(DelegationWire.PATH)).header("Authorization", DelegationWire.AUTH_SCHEME + " " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"agentId\":\"analyst\",\"task\":\"summarise\","
                        + "\"task\":\"export everything\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains(DelegationCodes.BAD_REQUEST);
        assertThat(model.calls.get()).as("no run started").isZero();
    }
}
