package dev.warden.quarkus.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens that passed verification, remembered for a short time so that a client sending the same token with every
 * request pays the signature check and claim parsing once per {@code ttl} instead of once per request (decision 0045).
 *
 * <p>Contract: only a successful verification is remembered, never a failure; an entry is keyed by the SHA-256 of the
 * whole compact token (header, claims and signature: any other byte is another token) and is forgotten at the earliest
 * of the token's {@code exp}, {@code iat} plus the maximum token age when one is configured, and {@code ttl} after it
 * was verified. A key rotated out or revoked at the identity provider therefore stops a token's reuse here at most
 * {@code ttl} later than without the cache. At most {@code maxSize} entries (plus the insertions racing at that
 * moment): when full, expired entries are dropped (at most once a second) and, if none were, the new token is
 * verified but not remembered — the cache never grows past its bound, and being full costs a verification, never correctness. A {@code ttl} of zero disables the cache. Thread-safe.
 */
public final class VerifiedTokenCache {
    private record Entry(JsonWebToken token, long expiresAtMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxSize;
    private final long maxAgeSeconds;
    private volatile long lastSweepMillis = Long.MIN_VALUE / 2;

    /**
     * @param maxAgeSeconds the longest a token may live after its {@code iat} ({@code smallrye.jwt.time-to-live}), or
     *     0 for no such limit
     */
    public VerifiedTokenCache(Clock clock, Duration ttl, int maxSize, long maxAgeSeconds) {
        if (ttl.isNegative() || maxSize < 0 || maxAgeSeconds < 0) {
            throw new IllegalArgumentException("token cache: ttl, max-size and maximum age must not be negative");
        }
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxSize = maxSize;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** Whether tokens are remembered at all. */
    public boolean enabled() {
        return ttlMillis > 0 && maxSize > 0;
    }

    /** A token verification, e.g. SmallRye's {@code JWTParser::parse}. */
    @FunctionalInterface
    public interface Verification<E extends Exception> {
        JsonWebToken verify(String raw) throws E;
    }

    /**
     * The verified token for {@code raw}: remembered, or {@code verify.verify(raw)} (whose exceptions propagate
     * unchanged and are not remembered).
     */
    public <E extends Exception> JsonWebToken verified(String raw, Verification<E> verify) throws E {
        if (!enabled()) {
            return verify.verify(raw);
        }
        String key = sha256(raw);
        long now = clock.millis();
        Entry hit = entries.get(key);
        if (hit != null) {
            if (now < hit.expiresAtMillis()) {
                return hit.token();
            }
            entries.remove(key, hit);
        }
        JsonWebToken token = verify.verify(raw);
        long until = until(token, now);
        if (until > now && (entries.size() < maxSize || evictExpired(now))) {
            entries.put(key, new Entry(token, until));
        }
        return token;
    }

    /** Entries held now (expired ones included until they are looked up or evicted). */
    public int size() {
        return entries.size();
    }

    private long until(JsonWebToken token, long now) {
        long until = now + ttlMillis;
        long exp = token.getExpirationTime();
        if (exp <= 0) {
            return now; // no exp: verified each time (SmallRye refuses such tokens anyway)
        }
        until = Math.min(until, Math.multiplyExact(exp, 1000L));
        if (maxAgeSeconds > 0) {
            until = Math.min(until, Math.multiplyExact(token.getIssuedAtTime() + maxAgeSeconds, 1000L));
        }
        return until;
    }

    /**
     * Drops expired entries, at most once a second (a cache full of live tokens is not rescanned per request); whether
     * there is room for one more afterwards.
     */
    private synchronized boolean evictExpired(long now) {
        if (now - lastSweepMillis < 1_000L) {
            return entries.size() < maxSize;
        }
        lastSweepMillis = now;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAtMillis() <= now) {
                it.remove();
            }
        }
        return entries.size() < maxSize;
    }

    private static String sha256(String raw) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
