package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.quarkus.runtime.VerifiedTokenCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The verified-token cache (decision 0045): what it remembers, for how long, how many, and never a failure. */
class VerifiedTokenCacheTest {
    static final Instant T0 = Instant.parse("2026-12-05T04:00:00Z");

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** A verifier that counts its calls, accepts tokens it knows and can be switched to refusing them all. */
    static final class Verifier {
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, Long> expiries; // token -> exp (epoch seconds)
        volatile boolean keyRotated;

        Verifier(Map<String, Long> expiries) {
            this.expiries = expiries;
        }

        JsonWebToken verify(String raw) throws java.security.GeneralSecurityException {
            calls.incrementAndGet();
            Long exp = expiries.get(raw);
            if (keyRotated || exp == null) {
                throw new java.security.SignatureException("signature does not verify: " + raw);
            }
            return token(raw, exp, T0.getEpochSecond() - 60);
        }
    }

    static JsonWebToken token(String raw, long exp, long iat) {
        Map<String, Object> claims = Map.of("exp", exp, "iat", iat, "sub", raw, "raw_token", raw);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return raw;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    final MovableClock clock = new MovableClock();
    final long inAnHour = T0.plusSeconds(3600).getEpochSecond();

    @Test
    void a_token_is_verified_once_and_then_reused_until_the_ttl() throws Exception {
        Verifier v = new Verifier(Map.of("a", inAnHour));
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofSeconds(30), 100, 0);
        JsonWebToken first = cache.verified("a", v::verify);
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.verified("a", v::verify)).isSameAs(first);
        assertThat(v.calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        cache.verified("a", v::verify);
        assertThat(v.calls).hasValue(2);
    }

    @Test
    void an_entry_never_outlives_the_tokens_exp() throws Exception {
        Verifier v = new Verifier(Map.of("a", T0.plusSeconds(10).getEpochSecond()));
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofMinutes(5), 100, 0);
        cache.verified("a", v::verify);
        clock.advance(Duration.ofSeconds(10));
        v.keyRotated = true; // past exp the verifier decides again (and here refuses)
        assertThatThrownBy(() -> cache.verified("a", v::verify)).isInstanceOf(java.security.SignatureException.class);
        assertThat(v.calls).hasValue(2);
    }

    @Test
    void an_entry_never_outlives_the_configured_maximum_token_age() throws Exception {
        Verifier v = new Verifier(Map.of("a", inAnHour)); // iat is T0 - 60 s
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofMinutes(5), 100, 90);
        cache.verified("a", v::verify);
        clock.advance(Duration.ofSeconds(30)); // iat + 90 s
        cache.verified("a", v::verify);
        assertThat(v.calls).hasValue(2);
    }

    @Test
    void a_refused_token_is_never_remembered() {
        Verifier v = new Verifier(Map.of());
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofSeconds(30), 100, 0);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.verified("forged", v::verify))
                    .isInstanceOf(java.security.SignatureException.class);
        }
        assertThat(v.calls).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void after_a_key_rotation_a_remembered_token_is_refused_at_most_one_ttl_later() throws Exception {
        Verifier v = new Verifier(Map.of("a", inAnHour));
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofSeconds(30), 100, 0);
        cache.verified("a", v::verify);
        v.keyRotated = true; // the identity provider dropped the key that signed "a"
        clock.advance(Duration.ofSeconds(10));
        cache.verified("a", v::verify); // still within the ttl: the documented window
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> cache.verified("a", v::verify)).isInstanceOf(java.security.SignatureException.class);
        assertThatThrownBy(() -> cache.verified("a", v::verify)).isInstanceOf(java.security.SignatureException.class);
        assertThat(v.calls).hasValue(3);
    }

    @Test
    void a_token_differing_in_any_byte_is_verified_on_its_own() throws Exception {
        Verifier v = new Verifier(Map.of("header.claims.sig", inAnHour));
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofSeconds(30), 100, 0);
        cache.verified("header.claims.sig", v::verify);
        assertThatThrownBy(() -> cache.verified("header.claims.sih", v::verify))
                .isInstanceOf(java.security.SignatureException.class);
        assertThat(v.calls).hasValue(2);
    }

    @Test
    void the_cache_stays_within_its_bound_and_keeps_verifying_when_full() throws Exception {
        Map<String, Long> tokens = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            tokens.put("t" + i, inAnHour);
        }
        Verifier v = new Verifier(tokens);
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ofSeconds(30), 4, 0);
        for (int i = 0; i < 10; i++) {
            cache.verified("t" + i, v::verify);
        }
        assertThat(cache.size()).isEqualTo(4);
        cache.verified("t9", v::verify); // not remembered: verified again
        cache.verified("t0", v::verify); // remembered
        assertThat(v.calls).hasValue(11);
        clock.advance(Duration.ofSeconds(31)); // all expired: the next token finds room again
        cache.verified("t9", v::verify);
        cache.verified("t9", v::verify);
        assertThat(v.calls).hasValue(12);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void a_zero_ttl_disables_the_cache() throws Exception {
        Verifier v = new Verifier(Map.of("a", inAnHour));
        VerifiedTokenCache cache = new VerifiedTokenCache(clock, Duration.ZERO, 100, 0);
        cache.verified("a", v::verify);
        cache.verified("a", v::verify);
        assertThat(v.calls).hasValue(2);
        assertThat(cache.enabled()).isFalse();
    }

    @Test
    void the_cache_stops_where_smallrye_refuses_by_token_age() {
        // review finding L2: mp.jwt.verify.token.age is the time-dependent limit SmallRye applies per verification;
        // smallrye.jwt.time-to-live (exp - iat) alone let a cached token outlive it
        assertThat(dev.warden.quarkus.runtime.CachingTokenParser.maxAge(java.util.Optional.of(60L),
                java.util.Optional.empty())).isEqualTo(60L);
        assertThat(dev.warden.quarkus.runtime.CachingTokenParser.maxAge(java.util.Optional.of(600L),
                java.util.Optional.of(300L))).isEqualTo(300L);
        assertThat(dev.warden.quarkus.runtime.CachingTokenParser.maxAge(java.util.Optional.empty(),
                java.util.Optional.of(300L))).isEqualTo(300L);
        assertThat(dev.warden.quarkus.runtime.CachingTokenParser.maxAge(java.util.Optional.empty(),
                java.util.Optional.empty())).isZero();
    }
}
