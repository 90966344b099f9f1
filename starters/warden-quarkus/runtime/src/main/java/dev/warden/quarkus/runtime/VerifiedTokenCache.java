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
 * was verified. An entry also stands on the verification key its token names ({@link VerificationKeyBinding}: key id
 * and key thumbprint, decision 0049): once the key set no longer holds that key with that thumbprint — removed or
 * replaced at the identity provider — the token is verified again (and refused as SmallRye refuses it). At most
 * {@code maxSize} entries (plus the insertions racing at that moment): when full, expired entries are dropped (at most once a second) and, if none were, the new token is
 * verified but not remembered — the cache never grows past its bound, and being full costs a verification, never correctness. A {@code ttl} of zero disables the cache. Thread-safe.
 */
public final class VerifiedTokenCache {
    private record Entry(JsonWebToken token, long expiresAtMillis, String kid, String keyBinding) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxSize;
    private final long maxAgeSeconds;
    private final VerificationKeyBinding keys;
    private volatile long lastSweepMillis = Long.MIN_VALUE / 2;

    /**
     * @param maxAgeSeconds the longest a token may live after its {@code iat} ({@code smallrye.jwt.time-to-live}), or
     *     0 for no such limit
     */
    public VerifiedTokenCache(Clock clock, Duration ttl, int maxSize, long maxAgeSeconds) {
        this(clock, ttl, maxSize, maxAgeSeconds, VerificationKeyBinding.STATIC);
    }

    /** @param keys the binding of each token's verification key as the key set is now */
    public VerifiedTokenCache(Clock clock, Duration ttl, int maxSize, long maxAgeSeconds,
            VerificationKeyBinding keys) {
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
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
            if (now < hit.expiresAtMillis() && hit.keyBinding().equals(keys.current(hit.kid()))) {
                return hit.token();
            }
            entries.remove(key, hit); // expired, or its key is gone or changed: verified again below
        }
        String kid = kid(raw);
        String before = keys.current(kid); // the key set as it stood before this verification
        JsonWebToken token = verify.verify(raw);
        long until = until(token, now);
        if (until > now && (entries.size() < maxSize || evictExpired(now))) {
            String binding = keys.current(kid); // ... and after it: a change in between is not remembered
            if (binding != null && binding.equals(before)) {
                entries.put(key, new Entry(token, until, kid, binding));
            }
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

    /** The {@code kid} of a compact JWS's protected header, or {@code null} (malformed input: never throws). */
    static String kid(String raw) {
        int dot = raw.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            String header = new String(java.util.Base64.getUrlDecoder().decode(raw.substring(0, dot)),
                    StandardCharsets.UTF_8);
            Object kid = org.jose4j.json.JsonUtil.parseJson(header).get("kid");
            return kid instanceof String k ? k : null;
        } catch (RuntimeException | org.jose4j.lang.JoseException e) {
            return null;
        }
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
