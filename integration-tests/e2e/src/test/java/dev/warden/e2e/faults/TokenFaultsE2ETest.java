package dev.warden.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.warden.e2e.SampleProcess;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Key and clock faults against the running packaged banking-assistant (demo profile, exactly as the README starts
 * it): a transfer carried by a token signed with another key, expired beyond the 5 s leeway, issued in the future or
 * issued for another service is refused with a 401 problem+json before any run starts — and no transfer is recorded.
 * The demo's own tokens work, and keep working across a restart (the generated key pair is reused).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenFaultsE2ETest {
    static final Path JAR = Path.of(System.getProperty("warden.sample.jar"));
    static final Path WORK = Path.of("target", "e2e-faults", "tokens");
    static final String TRANSFER = "Send 98.70 EUR to DE02500105170137075030";
    private SampleProcess sample;
    private PrivateKey demoKey;

    private List<String> properties() {
        return List.of("-Dquarkus.profile=demo",
                "-Dwarden.audit.jsonl.path=" + WORK.toAbsolutePath().resolve("audit/decisions.jsonl"));
    }

    @BeforeAll
    void start() throws Exception {
        sample = new SampleProcess(JAR, WORK, properties());
        // the demo-only private key the service generated in its working directory (never packaged)
        String pem = Files.readString(WORK.resolve("target/warden-dev-keys/demo-only-private.pem"));
        demoKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    }

    @AfterAll
    void stop() throws Exception {
        if (sample != null) {
            sample.close();
        }
    }

    private RequestSpecification api() {
        return given().baseUri(sample.baseUri());
    }

    private String devToken(String user) {
        return api().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    private Response transfer(String token) {
        Response r = api().auth().oauth2(token).contentType(ContentType.JSON).body("{\"input\":\"" + TRANSFER + "\"}")
                .post("/v1/agents/banking-assistant/runs");
        return UserConfirms.ifAsked(sample.baseUri(), token, r); // the requester confirms the payee they typed
    }

    private int recordedTransfers() {
        return api().auth().oauth2(devToken("olga")).get("/v1/audit?tool=send_money&limit=1000").then()
                .statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static String sign(PrivateKey key, String audience, Instant issuedAt, Instant expires) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://warden.dev/dev");
        claims.setSubject("alice");
        claims.setClaim("upn", "alice");
        claims.setStringListClaim("groups", "customer");
        claims.setClaim("tenant", "default");
        if (audience != null) {
            claims.setAudience(audience);
        }
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private void refusedWithoutTransfer(String token) {
        int before = recordedTransfers();
        transfer(token).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-API-0001")).body("status", equalTo(401));
        assertThat(recordedTransfers()).isEqualTo(before);
    }

    @Test
    @Order(1)
    void a_token_signed_with_the_demo_key_and_the_right_claims_is_accepted() throws Exception {
        Instant now = Instant.now();
        transfer(sign(demoKey, "banking-assistant", now, now.plusSeconds(600))).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    @Order(2)
    void a_token_signed_by_another_key_is_refused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Instant now = Instant.now();
        refusedWithoutTransfer(sign(g.generateKeyPair().getPrivate(), "banking-assistant", now,
                now.plusSeconds(600)));
    }

    @Test
    @Order(3)
    void a_token_expired_beyond_the_leeway_is_refused() throws Exception {
        Instant now = Instant.now();
        refusedWithoutTransfer(sign(demoKey, "banking-assistant", now.minusSeconds(600), now.minusSeconds(30)));
    }

    @Test
    @Order(4)
    void a_token_issued_in_the_future_is_refused() throws Exception {
        Instant tomorrow = Instant.now().plusSeconds(86_400);
        refusedWithoutTransfer(sign(demoKey, "banking-assistant", tomorrow, tomorrow.plusSeconds(600)));
    }

    @Test
    @Order(5)
    void a_token_for_another_service_is_refused() throws Exception {
        Instant now = Instant.now();
        refusedWithoutTransfer(sign(demoKey, "research-team", now, now.plusSeconds(600)));
        refusedWithoutTransfer(sign(demoKey, null, now, now.plusSeconds(600)));
    }

    @Test
    @Order(6)
    void demo_tokens_keep_working_across_a_restart() throws Exception {
        String alice = devToken("alice");
        api().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"input\":\"What is my balance?\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(200).body("status", equalTo("COMPLETED"));
        sample.close();
        sample = new SampleProcess(JAR, WORK, properties());
        api().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"input\":\"What is my balance?\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(200).body("status", equalTo("COMPLETED"));
    }
}
