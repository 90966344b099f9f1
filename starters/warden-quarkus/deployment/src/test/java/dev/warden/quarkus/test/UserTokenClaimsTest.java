package dev.warden.quarkus.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * L7: user tokens are accepted for this service only (audience), within a small stated clock-skew leeway (5 s), and
 * never when issued in the future beyond it. Each refusal is a 401 problem+json. A verified token is remembered for a
 * short time (decision 0045); a token differing in any byte is verified on its own.
 */
class UserTokenClaimsTest {
    static final String ISSUER = "https://warden.dev/dev";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"))
            .overrideConfigKey("mp.jwt.verify.audiences", "teller-service");

    private static JwtClaimsBuilder alice(Instant issuedAt, Instant expires) {
        return Jwt.issuer(ISSUER).subject("alice").upn("alice").groups(Set.of("customer")).claim("tenant", "default")
                .issuedAt(issuedAt).expiresAt(expires);
    }

    private static String sign(JwtClaimsBuilder claims) throws Exception {
        PrivateKey key = KeyUtils.readPrivateKey("dev-keys/test-only-private.pem");
        return claims.sign(key);
    }

    private static void refused(String token) {
        given().auth().oauth2(token).get("/v1/agents").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0001"));
    }

    @Test
    void dev_tokens_name_the_service_as_audience_and_are_accepted() {
        String token = given().get("/v1/dev/tokens/alice").then().statusCode(200).extract().path("token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.assertj.core.api.Assertions.assertThat(payload).contains("\"aud\":\"teller-service\"");
        given().auth().oauth2(token).get("/v1/agents").then().statusCode(200);
    }

    @Test
    void a_token_for_another_service_is_refused() throws Exception {
        Instant now = Instant.now();
        refused(sign(alice(now, now.plusSeconds(600)).audience("research-team")));
    }

    @Test
    void a_token_without_audience_is_refused() throws Exception {
        Instant now = Instant.now();
        refused(sign(alice(now, now.plusSeconds(600))));
    }

    @Test
    void a_token_expired_thirty_seconds_ago_is_refused() throws Exception {
        Instant now = Instant.now();
        refused(sign(alice(now.minusSeconds(600), now.minusSeconds(30)).audience("teller-service")));
    }

    @Test
    void a_token_issued_a_day_in_the_future_is_refused() throws Exception {
        Instant later = Instant.now().plusSeconds(86_400);
        refused(sign(alice(later, later.plusSeconds(600)).audience("teller-service")));
    }

    @Test
    void a_token_issued_two_seconds_ahead_is_within_the_leeway() throws Exception {
        Instant ahead = Instant.now().plusSeconds(2);
        given().auth().oauth2(sign(alice(ahead, ahead.plusSeconds(600)).audience("teller-service")))
                .get("/v1/agents").then().statusCode(200);
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser parser;

    @Test
    void a_verified_token_is_reused_and_the_same_claims_signed_with_another_key_are_still_refused() throws Exception {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = alice(now, now.plusSeconds(600)).audience("teller-service");
        String token = sign(claims);
        given().auth().oauth2(token).get("/v1/agents").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(parser.parse(token)).isSameAs(parser.parse(token));
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        refused(alice(now, now.plusSeconds(600)).audience("teller-service").sign(gen.generateKeyPair().getPrivate()));
        given().auth().oauth2(token).get("/v1/agents").then().statusCode(200);
    }
}
