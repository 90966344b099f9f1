package dev.warden.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.warden.e2e.SampleProcess;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged banking sample started in production exactly as the README says (an identity provider's key and issuer
 * through {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} / {@code MP_JWT_VERIFY_ISSUER}, the JSONL head key through
 * {@code WARDEN_AUDIT_JSONL_HEAD_KEY}): the provider's tokens work, development tokens are not served, a token from a
 * demo key pair or for another service is refused, and nothing operational answers without a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProdProfileE2ETest {
    static final String ISSUER = "https://idp.bank.example";
    private SampleProcess sample;
    private RequestSpecification api;
    private PrivateKey idpKey;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of("target", "e2e-faults", "prod").toAbsolutePath();
        // a fresh audit trail: the head key below is new each run, and a trail signed by another key must not open
        if (Files.exists(work)) {
            try (var old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(work);
        KeyPair idp = rsa();
        idpKey = idp.getPrivate();
        Path publicKey = work.resolve("idp-public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(idp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        byte[] headKey = new byte[32];
        new SecureRandom().nextBytes(headKey);
        sample = new SampleProcess(SampleProcess.bankingJar(), work, List.of("-Dquarkus.profile=prod",
                "-Dwarden.audit.jsonl.path=" + work.resolve("audit/decisions.jsonl")), Map.of(
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + publicKey, "MP_JWT_VERIFY_ISSUER", ISSUER,
                        "WARDEN_AUDIT_JSONL_HEAD_KEY", Base64.getEncoder().encodeToString(headKey)));
        api = new RequestSpecBuilder().setBaseUri(sample.baseUri()).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (sample != null) {
            sample.close();
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String token(PrivateKey key, String issuer, String audience, String user, String role)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", role);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private Response balance(String token) {
        return given(api).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"input\":\"What is my balance?\"}").post("/v1/agents/banking-assistant/runs");
    }

    @Test
    void the_identity_providers_token_runs_the_agent() throws Exception {
        balance(token(idpKey, ISSUER, "banking-assistant", "alice", "customer")).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void development_tokens_are_not_served_and_demo_or_foreign_tokens_are_refused() throws Exception {
        given(api).get("/v1/dev/tokens/alice").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-API-0008"));
        PrivateKey demoKey = rsa().getPrivate(); // a demo profile's generated pair is any key the IdP does not hold
        for (String refused : new String[] {token(demoKey, "https://warden.dev/dev", "banking-assistant", "alice",
                "customer"), token(demoKey, ISSUER, "banking-assistant", "alice", "customer"),
            token(idpKey, ISSUER, "crm-analyst", "alice", "customer")}) {
            balance(refused).then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("WARDEN-API-0001"));
        }
    }

    @Test
    void nothing_operational_answers_without_a_token() {
        for (String path : new String[] {"/v1/approvals", "/v1/audit", "/v1/audit/verify", "/v1/inventory/agents",
            "/v1/agents", "/v1/runs/any"}) {
            given(api).get(path).then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("WARDEN-API-0001"));
        }
        given(api).redirects().follow(false).get("/warden/approvals").then().statusCode(303)
                .header("Location", endsWith("/warden/login"));
        given(api).contentType(ContentType.JSON).body("{\"approve\":true}").post("/v1/approvals/any/decision")
                .then().statusCode(401).body("detail", containsString("bearer token"));
    }
}
