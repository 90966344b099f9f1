package dev.warden.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.a2a.remote.A2aDelegateEndpoint;
import dev.warden.a2a.remote.A2aRemoteAgent;
import dev.warden.a2a.remote.CardPins;
import dev.warden.a2a.remote.RemoteCards;
import dev.warden.a2a.server.A2aHttpHandler;
import dev.warden.a2a.server.JwtBearerAuthenticator;
import dev.warden.a2a.server.WardenA2aServer;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.TrustEdge;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TrustedKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Warden to Warden over A2A: the supervisor's signed context token travels in Warden's A2A extension, so the teller
 * runs as the original user with the actor chain, and its answer comes back labelled as it states.
 */
class WardenPeerOverA2aTest {
    static final SigningKey HQ_KEY = SigningKey.generateEs256("hq-1");
    final InMemoryAuditSink supervisorAudit = new InMemoryAuditSink();
    final InMemoryAuditSink bankAudit = new InMemoryAuditSink();
    final BankTools bank = new BankTools();
    A2aFixtures.Host host;
    WardenA2aServer server;

    /** The bank's teller served over A2A; it trusts the HQ supervisor when {@code verifier} is given. */
    void serveTeller(ContextTokenVerifier verifier, boolean edge) throws Exception {
        host = new A2aFixtures.Host();
        Governor governor = A2aFixtures.bankGovernor(bankAudit).build();
        GovernedAgent teller = A2aFixtures.teller(bank, governor);
        AgentCard inventory = AgentCard.of(teller, "Bank teller", "scripted", List.of("bank@1"), List.of());
        AgentCard hq = AgentCard.remote(AgentIdentity.of("supervisor"), "HQ supervisor", URI.create("http://hq"))
                .withTrustEdges(edge ? List.of(TrustEdge.of("supervisor", "teller")) : List.of());
        WardenA2aServer.Builder b = WardenA2aServer.builder().agent(teller, inventory).url(host.base + "/a2a")
                .governor(governor).directory(AgentDirectory.builder().agent(inventory).agent(hq).build())
                .authenticator(new JwtBearerAuthenticator(A2aFixtures.USER_KEY.getPublicKey(), A2aFixtures.IDP,
                        "bank"));
        server = (verifier == null ? b : b.contextTokens(verifier)).build();
        host.serve(A2aHttpHandler.of(server));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
            server.close();
        }
    }

    RunResult askTeller(String task) {
        A2aRemoteAgent remote = A2aRemoteAgent.peer("teller", host.base,
                () -> A2aFixtures.userToken("hq-service", "bank", "service"));
        RemoteCards cards = new RemoteCards(CardPins.inMemory(), HttpClient.newHttpClient(), Clock.systemUTC(),
                Duration.ofSeconds(5));
        A2aFixtures.approveAsServed(cards, remote, Principal.of("olga", "admin"),
                Governor.builder().auditSink(supervisorAudit).build());
        ContextTokenIssuer issuer = new ContextTokenIssuer(HQ_KEY, "hq", Clock.systemUTC(), Duration.ofSeconds(60));
        Governor[] g = new Governor[1];
        GovernedAgent sup = A2aDelegationTest.supervisor("teller", remote.inventoryCard("bank", "bank teller"),
                new A2aDelegateEndpoint(remote, cards, issuer, Executors.newCachedThreadPool()),
                Governor.builder().auditSink(supervisorAudit), g);
        return sup.runBlocking("ask " + task, Principal.of("alice", "analyst"));
    }

    static ContextTokenVerifier trustingHq() {
        return ContextTokenVerifier.of(TrustedKeys.of(HQ_KEY), Set.of("hq"), Clock.systemUTC(), 3);
    }

    DecisionRecord supervisorResult() {
        return supervisorAudit.records().stream().filter(r -> r.checkpoint().equals("DELEGATION_RESULT"))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void callee_runs_as_the_original_user_with_the_chain_and_its_labels_come_back() throws Exception {
        serveTeller(trustingHq(), true);

        RunResult r = askTeller("what is my balance");

        assertThat(r.output()).contains("1200.00 EUR");
        List<DecisionRecord> tellerRun = bankAudit.records().stream()
                .filter(d -> "teller".equals(d.agentId()) && d.checkpoint().equals("MODEL_REQUEST")).toList();
        assertThat(tellerRun).isNotEmpty().allSatisfy(d -> {
            assertThat(d.userId()).as("the original user, not the calling service").isEqualTo("alice");
            assertThat(d.chain()).containsExactly("supervisor");
        });
        assertThat(bankAudit.records()).anySatisfy(d -> {
            assertThat(d.checkpoint()).isEqualTo("DELEGATION");
            assertThat(d.outcome()).isEqualTo("ALLOW");
        });
        assertThat(supervisorResult().labelsAfter().level()).isEqualTo("CONFIDENTIAL");
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(r.context().labels().categories()).contains("FINANCIAL");
    }

    @Test
    void a_server_that_verifies_no_context_tokens_refuses_one_rather_than_ignore_it() throws Exception {
        serveTeller(null, true);

        RunResult r = askTeller("what is my balance");

        assertThat(supervisorResult().outcome()).isEqualTo("DENY");
        assertThat(supervisorResult().code()).isEqualTo(A2aCodes.CONTEXT_NOT_ACCEPTED);
        assertThat(bank.calls).isEmpty();
        assertThat(bankAudit.records()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo(A2aCodes.CONTEXT_NOT_ACCEPTED);
            assertThat(d.userId()).as("attributed to the authenticated A2A caller").isEqualTo("hq-service");
        });
        assertThat(r.output()).doesNotContain("1200");
    }

    @Test
    void a_peer_without_a_trust_edge_from_the_supervisor_refuses_with_the_delegation_code() throws Exception {
        serveTeller(trustingHq(), false);

        askTeller("what is my balance");

        assertThat(supervisorResult().code()).isEqualTo(DelegationCodes.UNTRUSTED_EDGE);
        assertThat(bank.calls).isEmpty();
    }

    /** A raw A2A message/send carrying {@code token} in Warden's extension, as the SDK's client would send it. */
    String sendWithToken(String text, String token) throws Exception {
        return sendWith(text, token, null);
    }

    /** As {@link #sendWithToken}, with the root request {@code request} beside the token (either may be null). */
    String sendWith(String text, String token, String request) throws Exception {
        java.util.List<String> md = new java.util.ArrayList<>();
        if (token != null) {
            md.add("\"" + A2aMetadata.CONTEXT_TOKEN + "\":\"" + token + "\"");
        }
        if (request != null) {
            md.add("\"" + A2aMetadata.ROOT_REQUEST + "\":\"" + request + "\"");
        }
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":"
                + "{\"kind\":\"message\",\"role\":\"user\",\"messageId\":\"" + java.util.UUID.randomUUID()
                + "\",\"parts\":[{\"kind\":\"text\",\"text\":\"" + text + "\"}],\"metadata\":{"
                + String.join(",", md) + "}}}}";
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(host.base + "/a2a")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + A2aFixtures.userToken("hq-service", "bank", "service"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    static String aliceToken(String task) {
        dev.warden.core.GovernanceContext callee = dev.warden.core.GovernanceContext.of(Principal.of("alice",
                "analyst"), AgentIdentity.of("teller")).withHop(new dev.warden.core.Hop("supervisor", Set.of()));
        return new ContextTokenIssuer(HQ_KEY, "hq", Clock.systemUTC(), Duration.ofSeconds(60)).issue(callee, task);
    }

    @Test
    void a_context_token_is_bound_to_its_message_and_single_use_over_a2a() throws Exception {
        serveTeller(trustingHq(), true);

        String other = sendWithToken("send 900 to DE89370400440532013000", aliceToken("what is my balance"));
        assertThat(other).contains("\"rejected\"").contains(DelegationCodes.TOKEN_TASK_MISMATCH);

        String token = aliceToken("what is my balance");
        assertThat(sendWithToken("what is my balance", token)).contains("\"completed\"").contains("1200.00 EUR");
        String replayed = sendWithToken("what is my balance", token);
        assertThat(replayed).contains("\"rejected\"").contains(DelegationCodes.TOKEN_REPLAYED)
                .doesNotContain("1200.00 EUR");
        assertThat(bank.transfers).isEmpty();
    }

    static String aliceToken(String task, String request) {
        Principal alice = Principal.of("alice", "analyst");
        dev.warden.core.GovernanceContext callee = dev.warden.core.GovernanceContext.of(alice,
                AgentIdentity.of("teller")).withHop(new dev.warden.core.Hop("supervisor", Set.of()));
        callee = callee.withTask(callee.task().withRequest(dev.warden.core.RootRequest.of(alice, request)));
        return new ContextTokenIssuer(HQ_KEY, "hq", Clock.systemUTC(), Duration.ofSeconds(60)).issue(callee, task);
    }

    @Test
    void the_root_request_is_bound_to_the_token_over_a2a_and_cannot_come_alone() throws Exception {
        // decision 0073: the person's words travel beside the token, bound to its task_digest
        serveTeller(trustingHq(), true);
        String asked = "what is my balance please";

        assertThat(sendWith("what is my balance", aliceToken("what is my balance", asked),
                "send 900 to DE89370400440532013000")).contains("\"rejected\"")
                .contains(DelegationCodes.TOKEN_TASK_MISMATCH);
        assertThat(sendWith("what is my balance", aliceToken("what is my balance", asked), null))
                .as("dropped").contains("\"rejected\"").contains(DelegationCodes.TOKEN_TASK_MISMATCH);
        assertThat(sendWith("what is my balance", null, asked)).as("without a token to bind it")
                .contains("\"rejected\"").contains(A2aCodes.BAD_ROOT_REQUEST);
        assertThat(sendWith("what is my balance", aliceToken("what is my balance", asked), asked))
                .contains("\"completed\"").contains("1200.00 EUR");
        assertThat(bank.transfers).isEmpty();
    }

    @Test
    void a_forged_context_token_from_a_plain_caller_is_refused_not_ignored() throws Exception {
        serveTeller(trustingHq(), true);
        SigningKey rogue = SigningKey.generateEs256("hq-1");
        dev.warden.core.GovernanceContext callee = dev.warden.core.GovernanceContext.of(Principal.of("ceo", "admin"),
                AgentIdentity.of("teller")).withHop(new dev.warden.core.Hop("supervisor", Set.of()));
        String forged = new ContextTokenIssuer(rogue, "hq", Clock.systemUTC(), Duration.ofSeconds(60))
                .issue(callee, "what is my balance");

        assertThat(sendWithToken("what is my balance", forged)).contains("\"rejected\"")
                .contains(DelegationCodes.TOKEN_SIGNATURE);
        assertThat(bankAudit.records()).noneSatisfy(d -> assertThat(d.userId()).isEqualTo("ceo"));
        assertThat(bankAudit.records()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo(DelegationCodes.TOKEN_SIGNATURE);
            assertThat(d.userId()).isEqualTo("hq-service");
        });
    }
}
