package dev.warden.identity;

import static dev.warden.identity.TestTokens.AUDIENCE;
import static dev.warden.identity.TestTokens.ISSUER;
import static dev.warden.identity.TestTokens.NOW;
import static dev.warden.identity.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Principal;
import dev.warden.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

class JwtPrincipalVerifierTest {
    final TestTokens tokens = new TestTokens();
    final TestClock clock = new TestClock(NOW);

    JwtPrincipalVerifier.Builder base() {
        return JwtPrincipalVerifier.builder().issuer(ISSUER).audience(AUDIENCE).clock(clock)
                .clockSkew(Duration.ofSeconds(30));
    }

    JwtPrincipalVerifier rsaKey() {
        return base().verificationKey(tokens.rsa.getPublic()).build();
    }

    JwtPrincipalVerifier jwks() {
        return base().jwks(tokens.jwks()).build();
    }

    static void refused(Runnable verify, String code, String messagePart) {
        assertThatThrownBy(verify::run).isInstanceOfSatisfying(TokenVerificationException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(code).contains(messagePart);
        });
    }

    @Test
    void maps_a_valid_rs256_token_to_a_principal() {
        String token = tokens.rs256(claims(Map.of("roles", List.of("junior-analyst"), "tenant", "acme")));
        Principal p = rsaKey().verify(token);
        assertThat(p.id()).isEqualTo("ann");
        assertThat(p.tenant()).isEqualTo("acme");
        assertThat(p.roles()).containsExactly("junior-analyst");
    }

    @Test
    void verifies_rs256_and_es256_tokens_against_a_jwks_document_by_kid() {
        JwtPrincipalVerifier v = jwks();
        assertThat(v.verify(tokens.rs256(claims(Map.of()))).id()).isEqualTo("ann");
        assertThat(v.verify(tokens.es256(claims(Map.of()))).id()).isEqualTo("ann");
    }

    @Test
    void maps_nested_roles_tenant_and_attributes_with_a_claim_mapping() {
        ClaimMapping keycloak = ClaimMapping.defaults().withSubjectClaim("preferred_username")
                .withRolesClaim("realm_access.roles").withTenantClaim("org.id")
                .withAttribute("department", "dept").withAttribute("regions", "regions");
        String token = tokens.es256(claims(Map.of("preferred_username", "vic",
                "realm_access", Map.of("roles", List.of("vp-engineering", "offline_access")),
                "org", Map.of("id", "acme"), "dept", "engineering", "regions", List.of("eu", "us"))));
        Principal p = base().jwks(tokens.jwks()).claimMapping(keycloak).build().verify(token);
        assertThat(p.id()).isEqualTo("vic");
        assertThat(p.roles()).containsExactlyInAnyOrder("vp-engineering", "offline_access");
        assertThat(p.tenant()).isEqualTo("acme");
        assertThat(p.attributes()).containsEntry("department", "engineering").containsEntry("regions", "eu,us");
    }

    @Test
    void space_separated_scope_claims_become_roles_and_missing_tenant_is_the_default() {
        ClaimMapping scopes = ClaimMapping.defaults().withRolesClaim("scope");
        Principal p = base().verificationKey(tokens.rsa.getPublic()).claimMapping(scopes).build()
                .verify(tokens.rs256(claims(Map.of("scope", "crm:read  email:draft"))));
        assertThat(p.roles()).containsExactlyInAnyOrder("crm:read", "email:draft");
        assertThat(p.tenant()).isEqualTo(Principal.DEFAULT_TENANT);
    }

    @Test
    void refuses_an_expired_token_beyond_the_clock_skew_only() {
        String token = tokens.rs256(claims(Map.of()));
        clock.advance(Duration.ofSeconds(300 + 29));
        assertThat(rsaKey().verify(token).id()).isEqualTo("ann");
        clock.advance(Duration.ofSeconds(2));
        refused(() -> rsaKey().verify(token), IdentityCodes.TOKEN_EXPIRED, "expired at 2024-05-06T08:05:00Z");
    }

    @Test
    void refuses_a_token_without_expiry() {
        JwtClaims c = claims(Map.of());
        c.unsetClaim("exp");
        refused(() -> rsaKey().verify(tokens.rs256(c)), IdentityCodes.TOKEN_EXPIRED, "no expiry");
    }

    @Test
    void refuses_a_token_from_the_future() {
        JwtClaims c = claims(Map.of());
        c.setNotBefore(org.jose4j.jwt.NumericDate.fromSeconds(NOW.getEpochSecond() + 120));
        refused(() -> rsaKey().verify(tokens.rs256(c)), IdentityCodes.TOKEN_NOT_YET_VALID, "not valid yet");
    }

    @Test
    void refuses_a_wrong_issuer_and_a_wrong_audience() {
        JwtClaims wrongIssuer = claims(Map.of());
        wrongIssuer.setIssuer("https://evil.test");
        refused(() -> rsaKey().verify(tokens.rs256(wrongIssuer)), IdentityCodes.TOKEN_WRONG_ISSUER,
                "'https://evil.test' is not the expected '" + ISSUER + "'");
        JwtClaims wrongAudience = claims(Map.of());
        wrongAudience.setAudience("someone-else");
        refused(() -> rsaKey().verify(tokens.rs256(wrongAudience)), IdentityCodes.TOKEN_WRONG_AUDIENCE,
                "does not contain 'warden'");
    }

    @Test
    void refuses_a_token_signed_by_another_key() {
        String forged = TestTokens.sign(claims(Map.of()), TestTokens.generate("RSA", null),
                AlgorithmIdentifiers.RSA_USING_SHA256, "rsa-1");
        refused(() -> rsaKey().verify(forged), IdentityCodes.TOKEN_BAD_SIGNATURE, "does not verify");
        refused(() -> jwks().verify(forged), IdentityCodes.TOKEN_BAD_SIGNATURE, "does not verify");
    }

    @Test
    void refuses_a_tampered_payload() {
        String token = tokens.rs256(claims(Map.of("roles", List.of("junior-analyst"))));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("junior-analyst", "vp-engineering");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(() -> rsaKey().verify(tampered), IdentityCodes.TOKEN_BAD_SIGNATURE, "does not verify");
    }

    @Test
    void refuses_an_unsigned_alg_none_token() {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims(Map.of()).toJson().getBytes(StandardCharsets.UTF_8));
        refused(() -> rsaKey().verify(header + "." + payload + "."), IdentityCodes.TOKEN_UNSIGNED, "unsigned");
        String stripped = tokens.rs256(claims(Map.of()));
        String noSignature = stripped.substring(0, stripped.lastIndexOf('.') + 1);
        refused(() -> rsaKey().verify(noSignature), IdentityCodes.TOKEN_UNSIGNED, "no signature");
    }

    @Test
    void refuses_hmac_tokens_even_when_keyed_with_the_public_key_bytes() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(Map.of()).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(tokens.rsa.getPublic().getEncoded()));
        jws.setDoKeyValidation(false);
        String hmac = jws.getCompactSerialization();
        refused(() -> rsaKey().verify(hmac), IdentityCodes.TOKEN_ALGORITHM_REJECTED,
                "'HS256' is not accepted");
    }

    @Test
    void refuses_a_kid_the_jwks_does_not_know() {
        String token = TestTokens.sign(claims(Map.of()), tokens.rsa, AlgorithmIdentifiers.RSA_USING_SHA256, "other");
        refused(() -> jwks().verify(token), IdentityCodes.TOKEN_UNKNOWN_KEY, "no key");
    }

    @Test
    void refuses_malformed_tokens_with_a_precise_code() {
        JwtPrincipalVerifier v = rsaKey();
        for (String garbage : new String[] {"", "abc", "a.b", "a.b.c.d", "!!!.???.###", "x".repeat(20_000)}) {
            refused(() -> v.verify(garbage), IdentityCodes.TOKEN_MALFORMED, "");
        }
        refused(() -> v.verify("a.b.c.d.e"), IdentityCodes.TOKEN_MALFORMED, "JWE");
        refused(() -> v.verify(null), IdentityCodes.TOKEN_MALFORMED, "empty");
    }

    @Test
    void refuses_missing_subject_and_badly_shaped_claims() {
        JwtClaims noSub = claims(Map.of());
        noSub.unsetClaim("sub");
        refused(() -> rsaKey().verify(tokens.rs256(noSub)), IdentityCodes.TOKEN_NO_SUBJECT, "'sub'");
        refused(() -> rsaKey().verify(tokens.rs256(claims(Map.of("roles", Map.of("a", "b"))))),
                IdentityCodes.TOKEN_BAD_CLAIM, "'roles'");
        refused(() -> rsaKey().verify(tokens.rs256(claims(Map.of("tenant", List.of("a"))))),
                IdentityCodes.TOKEN_BAD_CLAIM, "'tenant'");
    }

    @Test
    void rejects_unusable_configuration_at_build_time() {
        assertThatThrownBy(() -> base().build()).hasMessageContaining(IdentityCodes.VERIFIER_MISCONFIGURED);
        assertThatThrownBy(() -> base().jwks("{not json")).hasMessageContaining(IdentityCodes.VERIFIER_MISCONFIGURED);
        assertThatThrownBy(() -> base().algorithms("HS256"))
                .hasMessageContaining(IdentityCodes.VERIFIER_MISCONFIGURED);
    }
}
