package dev.warden.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one definition of how a chain head is signed: HMAC-SHA256 with a secret key, so that a person who can write the
 * audit storage but does not hold the key cannot cut the newest records (or rewrite and re-hash them) and forge a
 * matching head. Used by the PostgreSQL store (one signature per tenant head row) and by the JSONL store (one
 * signature over every tenant's head, in a sidecar file, so a tenant dropped entirely is caught too).
 *
 * <pre>{@code
 * ChainHeadMac mac = new ChainHeadMac(key);               // key: at least 16 bytes
 * String sig = mac.signHeads(chain.heads());
 * boolean ok = mac.verifyHeads(chain.heads(), sig);
 * }</pre>
 *
 * Thread-safe (a fresh {@link Mac}, cloned from one keyed instance, per call).
 */
public final class ChainHeadMac {
    /** Shortest accepted key. */
    public static final int MIN_KEY_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final Mac prototype; // initialised once, never used itself: each signature works on a clone

    /** @throws IllegalArgumentException if the key is null or shorter than {@link #MIN_KEY_BYTES} */
    public ChainHeadMac(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the audit head key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.clone();
        this.prototype = newMac(this.key);
    }

    /** {@code HMAC(key, tenant \n seq \n hash)}, hex: the signature of one tenant's head. */
    public String sign(String tenant, long seq, String hash) {
        return hex(tenant + "\n" + seq + "\n" + hash);
    }

    /** Whether {@code mac} is the signature of one tenant's head. */
    public boolean verify(String tenant, long seq, String hash, String mac) {
        return same(sign(tenant, seq, hash), mac);
    }

    /**
     * The signature of a whole set of heads: HMAC over the canonical JSON of {@code {tenant: {seq, hash}}} (keys
     * sorted), prefixed by a domain tag so it can never be confused with a single-head signature.
     */
    public String signHeads(Map<String, HashChain.Head> heads) {
        String fast = HeadJson.heads(heads);
        if (fast != null) { // the same text, written by hand (decision 0072)
            return hex("warden-jsonl-heads-v1\n" + fast);
        }
        Map<String, Map<String, Object>> canonical = new TreeMap<>();
        heads.forEach((t, h) -> canonical.put(t, Map.of("seq", h.seq(), "hash", h.hash())));
        return hex("warden-jsonl-heads-v1\n" + CanonicalJson.write(canonical));
    }

    /** Whether {@code mac} is the signature of exactly these heads. */
    public boolean verifyHeads(Map<String, HashChain.Head> heads, String mac) {
        return same(signHeads(heads), mac);
    }

    /**
     * The signature of a set of heads together with the boot of the machine that wrote them (decision 0047): HMAC over
     * the canonical JSON of {@code {"boot": boot, "heads": {tenant: {seq, hash}}}} under its own domain tag, so that
     * neither the heads nor the boot can be changed without the key, and a v1 signature never verifies as v2.
     */
    public String signHeads(Map<String, HashChain.Head> heads, String boot) {
        String fast = HeadJson.heads(heads);
        return signHeads(heads, boot, fast);
    }

    /** As {@link #signHeads(Map, String)}, given {@link HeadJson#heads} of {@code heads} (or {@code null}). */
    String signHeads(Map<String, HashChain.Head> heads, String boot, String headsJson) {
        String fast = headsJson == null ? null : HeadJson.withBoot(boot, headsJson);
        if (fast != null) { // the same text, written by hand (decision 0072)
            return hex("warden-jsonl-heads-v2\n" + fast);
        }
        Map<String, Map<String, Object>> canonical = new TreeMap<>();
        heads.forEach((t, h) -> canonical.put(t, Map.of("seq", h.seq(), "hash", h.hash())));
        return hex("warden-jsonl-heads-v2\n" + CanonicalJson.write(Map.of("boot", boot, "heads", canonical)));
    }

    /** Whether {@code mac} is the signature of exactly these heads written under {@code boot}. */
    public boolean verifyHeads(Map<String, HashChain.Head> heads, String boot, String mac) {
        return same(signHeads(heads, boot), mac);
    }

    private static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private String hex(String message) {
        return HexFormat.of().formatHex(mac().doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A fresh {@link Mac} keyed with {@link #key}: a clone of one initialised instance (a provider look-up and key
     * schedule per signature cost more than the signature itself), or a new instance where the provider cannot clone.
     */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) { // this provider's Mac cannot be cloned
            return newMac(key);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required by the Java platform", e);
        }
    }
}
