package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.warden.quarkus.runtime.JwksKeyBindings;
import dev.warden.quarkus.runtime.VerifiedTokenCache;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache follows the identity provider's key set (decision 0049): a real JWKS endpoint over HTTP
 * rotates its keys, SmallRye JWT verifies with it, and a token whose key was removed (or replaced under the same key id)
 * is refused at the next verification although it is still in the cache's time window.
 */
class TokenCacheKeyRotationTest {
    static final String ISSUER = "https://idp.warden.test";
    /** The JWKS response's cache lifetime: both SmallRye and the cache re-read the set once it has passed. */
    static final int MAX_AGE_SECONDS = 1;

    HttpServer server;
    volatile String jwks;
    final AtomicInteger fetches = new AtomicInteger();
    String location;
    DefaultJWTParser smallrye;
    VerifiedTokenCache cache;

    @BeforeEach
    void serveTheKeySet() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=" + MAX_AGE_SECONDS);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        location = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void start(RsaJsonWebKey... keys) throws Exception {
        serve(keys);
        JWTAuthContextInfo info = new JWTAuthContextInfo(location, ISSUER);
        smallrye = new DefaultJWTParser(info);
        // as CachingTokenParser builds it for a key location that is a URL (SmallRye's default refresh interval)
        cache = new VerifiedTokenCache(Clock.systemUTC(), Duration.ofSeconds(30), 100, 0,
                new JwksKeyBindings(location, Duration.ofMinutes(60), Duration.ofSeconds(30)));
    }

    void serve(RsaJsonWebKey... keys) {
        jwks = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    String verified(String token) throws ParseException {
        return cache.verified(token, smallrye::parse).getName();
    }

    /** Waits past the key set's cache lifetime: waiting longer only makes the re-read more certain. */
    static void letTheKeySetExpire() throws InterruptedException {
        Thread.sleep(MAX_AGE_SECONDS * 1000L + 600);
    }

    /** Two key pairs for the class (generating RSA keys is the slow part). */
    static final RsaJsonWebKey[] PAIRS = {pair(), pair()};

    static RsaJsonWebKey pair() {
        try {
            return RsaJwkGenerator.generateJwk(2048);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key pair {@code n} published under {@code kid}. */
    static RsaJsonWebKey key(int n, String kid) {
        RsaJsonWebKey k = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) PAIRS[n].getPublicKey());
        k.setPrivateKey(PAIRS[n].getPrivateKey());
        k.setKeyId(kid);
        k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return k;
    }

    static String token(RsaJsonWebKey key, String user) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", List.of("user"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void a_token_whose_key_was_removed_from_the_jwks_is_refused_within_the_cache_window() throws Exception {
        RsaJsonWebKey a = key(0, "key-a");
        RsaJsonWebKey b = key(1, "key-b");
        start(a);
        String alice = token(a, "alice");
        assertThat(verified(alice)).isEqualTo("alice");
        assertThat(verified(alice)).as("reused from the cache").isEqualTo("alice");

        serve(b); // rotated: key-a removed (compromised, say)
        letTheKeySetExpire();

        assertThatThrownBy(() -> verified(alice)).isInstanceOf(ParseException.class);
        String bob = token(b, "bob");
        assertThat(verified(bob)).isEqualTo("bob");
        assertThat(verified(bob)).isEqualTo("bob");
    }

    @Test
    void a_token_whose_key_id_now_names_another_key_is_refused() throws Exception {
        RsaJsonWebKey old = key(0, "key-a");
        start(old);
        String alice = token(old, "alice");
        assertThat(verified(alice)).isEqualTo("alice");

        serve(key(1, "key-a")); // same key id, another key
        letTheKeySetExpire();

        assertThatThrownBy(() -> verified(alice)).isInstanceOf(ParseException.class);
    }

    @Test
    void while_the_key_set_is_unchanged_a_token_is_verified_once_and_reused() throws Exception {
        RsaJsonWebKey a = key(0, "key-a");
        start(a);
        String alice = token(a, "alice");
        AtomicInteger verifications = new AtomicInteger();

        for (int i = 0; i < 5; i++) {
            cache.verified(alice, raw -> {
                verifications.incrementAndGet();
                return smallrye.parse(raw);
            });
        }
        letTheKeySetExpire(); // re-read, unchanged: the entry still stands
        cache.verified(alice, raw -> {
            verifications.incrementAndGet();
            return smallrye.parse(raw);
        });

        assertThat(verifications.get()).isEqualTo(1);
    }
}
