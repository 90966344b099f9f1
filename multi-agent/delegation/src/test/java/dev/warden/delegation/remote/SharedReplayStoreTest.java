package dev.warden.delegation.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.TestClock;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.TrustEdge;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.FileReplayStore;
import dev.warden.delegation.token.JdbcReplayStore;
import dev.warden.delegation.token.ReplayStore;
import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TrustedKeys;
import dev.warden.testing.postgres.LocalPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas of one receiving service ("analyst-svc"), each a real HTTP server with its own verifier and its own
 * replay-store instance over one shared store: a token used at one replica is refused at another and after a
 * restart; a store that cannot answer refuses the token (503), audited, and the agent never runs.
 */
class SharedReplayStoreTest {
    static final TestClock CLOCK = TestClock.at("2026-12-04T10:00:00Z");
    static final String TASK = "Summarise the payroll report";
    static final String BODY = "{\"agentId\":\"analyst\",\"task\":\"" + TASK + "\"}";
    final SigningKey callerKey = SigningKey.generateEs256("svc-a-1");
    final HttpClient http = HttpClient.newHttpClient();
    final List<WardenService> replicas = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        replicas.forEach(WardenService::close);
    }

    /** Starts one replica of analyst-svc with its own store instance. */
    WardenService replica(ReplayStore store) throws Exception {
        WardenService svc = new WardenService("analyst-svc-" + replicas.size());
        URI uri = svc.bind();
        Governor governor = svc.govern(Governor.builder());
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").governor(governor)
                .model(ScriptedChatModel.rules().otherwise("summary ready").build())
                .tools(ToolRegistry.builder().build()).build();
        AgentDirectory directory = AgentDirectory.builder()
                .agent(new AgentCard("planner", "1", "ops", "plans", null, List.of(), List.of(),
                        List.of(TrustEdge.of("planner", "analyst")), URI.create("http://svc-a.invalid")))
                .agent(new AgentCard("analyst", "1", "ops", "analyses", null, List.of(), List.of(), List.of(), null))
                .build();
        svc.start(Map.of("analyst", analyst), directory, new ContextTokenVerifier(TrustedKeys.of(callerKey),
                Set.of("svc-a"), CLOCK, store, 3, Duration.ofSeconds(5), Duration.ofMinutes(5)));
        svc.uri = uri;
        replicas.add(svc);
        return svc;
    }

    String token() {
        GovernanceContext callee = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("analyst"))
                .withHop(new Hop("planner", Set.of()));
        return new ContextTokenIssuer(callerKey, "svc-a", CLOCK, Duration.ofSeconds(60)).issue(callee, TASK);
    }

    HttpResponse<String> deliver(WardenService replica, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(replica.uri.resolve(DelegationWire.PATH))
                .header("Authorization", DelegationWire.AUTH_SCHEME + " " + token)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Two replicas and a restarted one, each with a fresh store instance from {@code stores}. */
    void used_token_is_refused_by_every_replica_and_after_a_restart(Supplier<ReplayStore> stores) throws Exception {
        WardenService one = replica(stores.get());
        WardenService two = replica(stores.get());
        String token = token();

        assertThat(deliver(one, token).statusCode()).isEqualTo(200);
        HttpResponse<String> again = deliver(two, token);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains(DelegationCodes.TOKEN_REPLAYED);

        two.close();
        WardenService restarted = replica(stores.get());
        HttpResponse<String> afterRestart = deliver(restarted, token);
        assertThat(afterRestart.statusCode()).isEqualTo(401);
        assertThat(afterRestart.body()).contains(DelegationCodes.TOKEN_REPLAYED);
        assertThat(restarted.audit.records()).filteredOn(r -> r.checkpoint().equals("DELEGATION")).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(DelegationCodes.TOKEN_REPLAYED));
        assertThat(deliver(restarted, token()).statusCode()).as("a fresh token still works").isEqualTo(200);
    }

    @Test
    void postgres_store_a_used_token_is_refused_by_another_replica_and_after_a_restart() throws Exception {
        DataSource ds = LocalPostgres.shared().dataSource();
        used_token_is_refused_by_every_replica_and_after_a_restart(
                () -> new JdbcReplayStore(ds, "public", CLOCK, Duration.ofSeconds(5)));
    }

    @Test
    void file_store_a_used_token_is_refused_by_another_replica_and_after_a_restart() throws Exception {
        Path file = dir.resolve("delegation-replay.log");
        used_token_is_refused_by_every_replica_and_after_a_restart(() -> new FileReplayStore(file, CLOCK, 1000));
    }

    @Test
    void store_down_refuses_the_token_with_503_audited_and_the_agent_never_runs() throws Exception {
        WardenService replica = replica(new JdbcReplayStore(LocalPostgres.unreachableDataSource(2), "public", CLOCK, Duration.ofSeconds(2)));

        HttpResponse<String> r = deliver(replica, token());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains(DelegationCodes.REPLAY_STORE_UNAVAILABLE);
        assertThat(replica.audit.records()).singleElement().satisfies(rec -> {
            assertThat(rec.checkpoint()).isEqualTo("DELEGATION");
            assertThat(rec.outcome()).isEqualTo("DENY");
            assertThat(rec.code()).isEqualTo(DelegationCodes.REPLAY_STORE_UNAVAILABLE);
        });
    }
}
