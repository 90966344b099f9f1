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

    GovernanceContext callee() {
        return new GovernanceContext(new Principal("alice", "acme", Set.of("ops"), Map.of("dept", "fin")),
                AgentIdentity.of("analyst"), new TaskContext(null, "conv-1", "reporting"),
                List.of(new Hop("gateway", Set.of("files:read", "files:write")), new Hop("planner",
                        Set.of("files:read"))), Labels.of(Confidentiality.CONFIDENTIAL, "HR"), null);
    }

    @Test
    void round_trip_keeps_user_tenant_roles_chain_scopes_labels_and_purpose() {
        String jws = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee());
        ContextClaims c = ContextTokenVerifier.of(TrustedKeys.of(newKey), clock, 3).verify(jws, "analyst");
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
        String oldToken = new ContextTokenIssuer(oldKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee());
        ContextTokenVerifier verifier = ContextTokenVerifier.of(both, clock, 3);
        assertThat(verifier.verify(oldToken, "analyst").subject()).isEqualTo("alice");
        String again = new ContextTokenIssuer(oldKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee());
        assertThatThrownBy(() -> ContextTokenVerifier.of(both.without("k-2025-05"), clock, 3).verify(again, "analyst"))
                .isInstanceOf(ContextTokenException.class)
                .extracting(e -> ((ContextTokenException) e).code()).isEqualTo(DelegationCodes.TOKEN_SIGNATURE);
    }

    @Test
    void expiry_audience_and_replay_use_the_injected_clock() {
        ContextTokenIssuer issuer = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60));
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), clock, 3);
        String t1 = issuer.issue(callee());
        assertThat(code(() -> verifier.verify(t1, "writer"))).isEqualTo(DelegationCodes.TOKEN_AUDIENCE);
        verifier.verify(t1, "analyst");
        assertThat(code(() -> verifier.verify(t1, "analyst"))).isEqualTo(DelegationCodes.TOKEN_REPLAYED);
        String t2 = issuer.issue(callee());
        clock.advance(Duration.ofSeconds(70));
        assertThat(code(() -> verifier.verify(t2, "analyst"))).isEqualTo(DelegationCodes.TOKEN_EXPIRED);
        assertThat(code(() -> verifier.verify("not-a-token", "analyst"))).isEqualTo(DelegationCodes.TOKEN_MISSING);
    }

    @Test
    void alg_none_and_tampered_payload_are_refused() {
        String jws = new ContextTokenIssuer(newKey, "svc-a", clock, Duration.ofSeconds(60)).issue(callee());
        String[] parts = jws.split("\\.");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"k-2025-06\"}".getBytes());
        ContextTokenVerifier verifier = ContextTokenVerifier.of(TrustedKeys.of(newKey), clock, 3);
        assertThat(code(() -> verifier.verify(noneHeader + "." + parts[1] + ".", "analyst")))
                .isIn(DelegationCodes.TOKEN_SIGNATURE, DelegationCodes.TOKEN_MISSING);
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("alice", "mallo").getBytes());
        assertThat(code(() -> verifier.verify(parts[0] + "." + forgedPayload + "." + parts[2], "analyst")))
                .isEqualTo(DelegationCodes.TOKEN_SIGNATURE);
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
