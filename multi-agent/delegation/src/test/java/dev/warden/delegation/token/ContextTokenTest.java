package dev.warden.delegation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.testing.TestClock;
import dev.warden.delegation.DelegationCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContextTokenTest {
    final TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
    final SigningKey oldKey = SigningKey.generateRs256("k-2025-05");
    final SigningKey newKey = SigningKey.generateEs256("k-2025-06");
    static final String TASK = "Summarise the payroll report";

    GovernanceContext callee() {
        return new GovernanceContext(new Principal("alice", "acme", Set.of("ops"), Map.of("dept", "fin")),
                AgentIdentity.of("analyst"), new TaskContext(null, "conv-1", "reporting"),
                List.of(new Hop("gateway", Set.of("files:read", "files:write")), new Hop("planner",
                        Set.of("files:read"))), Labels.of(Confidentiality.CONFIDENTIAL, "HR"), null);
    }

    @Test
    void round_trip_keeps_user_tenant_roles_chain_scopes_labels_and_purpose() {
        String jws = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee(), TASK);
        ContextClaims c = ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3)
                .verify(jws, "analyst", TASK);
        GovernanceContext ctx = c.toContext(AgentIdentity.of("analyst"));
        assertThat(ctx.user()).isEqualTo(callee().user());
        assertThat(ctx.chain()).isEqualTo(callee().chain());
        assertThat(ctx.labels()).isEqualTo(callee().labels());
        assertThat(ctx.task().purpose()).isEqualTo("reporting");
        assertThat(c.chain().get(1).labels()).as("last actor declares the labels it hands on")
                .isEqualTo(callee().labels());
    }

    @Test
    void rotation_old_and_new_key_ids_verify_while_both_are_trusted_and_jwks_is_public_only() {
        TrustedKeys both = TrustedKeys.fromJwks(TrustedKeys.of(oldKey, newKey).toJwks());
        assertThat(both.keyIds()).containsExactly("k-2025-05", "k-2025-06");
        assertThat(both.toJwks()).doesNotContain("\"d\"");
        String oldToken = new ContextTokenIssuer(oldKey, "svc-a", clock, Duration.ofSeconds(60))
                .issue(callee(), TASK);
        ContextTokenVerifier verifier = ContextTokenVerifier.of(both, Set.of("svc-a"), clock, 3);
        assertThat(verifier.verify(oldToken, "analyst", TASK).subject()).isEqualTo("alice");
        String again = new ContextTokenIssuer(oldKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee(), TASK);
        assertThatThrownBy(() -> ContextTokenVerifier.of(both.without("k-2025-05"), Set.of("svc-a"), clock, 3)
                .verify(again, "analyst", TASK))
                .isInstanceOf(ContextTokenException.class)
                .extracting(e -> ((ContextTokenException) e).code()).isEqualTo(DelegationCodes.TOKEN_SIGNATURE);
    }

    @Test
    void expiry_audience_and_replay_use_the_injected_clock() {
        ContextTokenIssuer issuer = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60));
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3);
        String t1 = issuer.issue(callee(), TASK);
        assertThat(code(() -> verifier.verify(t1, "writer", TASK))).isEqualTo(DelegationCodes.TOKEN_AUDIENCE);
        verifier.verify(t1, "analyst", TASK);
        assertThat(code(() -> verifier.verify(t1, "analyst", TASK))).isEqualTo(DelegationCodes.TOKEN_REPLAYED);
        String t2 = issuer.issue(callee(), TASK);
        clock.advance(Duration.ofSeconds(70));
        assertThat(code(() -> verifier.verify(t2, "analyst", TASK))).isEqualTo(DelegationCodes.TOKEN_EXPIRED);
        assertThat(code(() -> verifier.verify("not-a-token", "analyst", TASK)))
                .isEqualTo(DelegationCodes.TOKEN_MISSING);
    }

    @Test
    void the_root_request_is_bound_to_the_token_and_a_changed_added_or_dropped_one_is_refused() {
        // decision 0073: the person's words travel with the task, bound to task_digest like the task itself
        GovernanceContext withRoot = callee().withTask(callee().task().withRequest(
                dev.warden.core.RootRequest.of(callee().user(), "summarise payroll for me")));
        ContextTokenIssuer issuer = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60));
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3);
        String bound = issuer.issue(withRoot, TASK);
        assertThat(code(() -> verifier.verify(bound, "analyst", TASK, "summarise payroll and mail it to eve")))
                .as("changed").isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
        assertThat(code(() -> verifier.verify(bound, "analyst", TASK, null)))
                .as("dropped").isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
        String unbound = issuer.issue(callee(), TASK);
        assertThat(code(() -> verifier.verify(unbound, "analyst", TASK, "summarise payroll for me")))
                .as("added").isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
        ContextClaims c = verifier.verify(bound, "analyst", TASK, "summarise payroll for me");
        assertThat(c.toContext(AgentIdentity.of("analyst"), "summarise payroll for me").task().request())
                .isEqualTo(dev.warden.core.RootRequest.of(callee().user(), "summarise payroll for me"));
    }

    @Test
    void alg_none_and_tampered_payload_are_refused() {
        String jws = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee(), TASK);
        String[] parts = jws.split("\\.");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"k-2025-06\"}".getBytes());
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3);
        assertThat(code(() -> verifier.verify(noneHeader + "." + parts[1] + ".", "analyst", TASK)))
                .isIn(DelegationCodes.TOKEN_SIGNATURE, DelegationCodes.TOKEN_MISSING);
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("alice", "mallo").getBytes());
        assertThat(code(() -> verifier.verify(parts[0] + "." + forgedPayload + "." + parts[2], "analyst", TASK)))
                .isEqualTo(DelegationCodes.TOKEN_SIGNATURE);
    }

    @Test
    void token_delivered_with_another_task_is_refused_and_remains_usable_for_its_own() {
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3);
        String jws = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee(), TASK);

        assertThat(code(() -> verifier.verify(jws, "analyst", "List every employee's home address")))
                .isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
        assertThat(code(() -> verifier.verify(jws, "analyst", TASK + " ")))
                .as("one extra character").isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
        assertThat(verifier.verify(jws, "analyst", TASK).taskDigest())
                .isEqualTo(TaskBinding.digest("analyst", TASK));
    }

    @Test
    void token_without_a_task_digest_is_refused() {
        ContextTokenIssuer issuer = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60));
        String unbound = issuer.sign(issuer.claimsFor(callee(), TASK).withTaskDigest(null));
        assertThat(code(() -> ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3)
                .verify(unbound, "analyst", TASK))).isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
    }

    @Test
    void token_from_an_issuer_not_accepted_is_refused_even_when_its_key_is_trusted() {
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), Set.of("svc-a"), clock, 3);
        ContextTokenIssuer other = new ContextTokenIssuer(newKey, "svc-evil", clock, Duration.ofSeconds(60));
        assertThat(code(() -> verifier.verify(other.issue(callee(), TASK), "analyst", TASK)))
                .isEqualTo(DelegationCodes.TOKEN_ISSUER);
        String noIssuer = other.sign(other.claimsFor(callee(), TASK).withIssuer(null));
        assertThat(code(() -> verifier.verify(noIssuer, "analyst", TASK))).isEqualTo(DelegationCodes.TOKEN_ISSUER);
    }

    @Test
    void replay_store_that_cannot_answer_refuses_the_token() {
        ReplayStore down = (jti, exp) -> {
            throw new ReplayStoreException("connection refused", null);
        };
        ContextTokenVerifier verifier = new ContextTokenVerifier(TrustedKeys.of(newKey), Set.of("svc-a"), clock,
                down, 3, Duration.ofSeconds(5), Duration.ofMinutes(5));
        String jws = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee(), TASK);
        assertThat(code(() -> verifier.verify(jws, "analyst", TASK)))
                .isEqualTo(DelegationCodes.REPLAY_STORE_UNAVAILABLE);
    }

    static String code(Runnable r) {
        try {
            r.run();
        } catch (ContextTokenException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }
}
