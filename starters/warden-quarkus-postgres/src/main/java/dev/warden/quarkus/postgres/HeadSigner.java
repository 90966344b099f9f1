package dev.warden.quarkus.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a tenant's chain head, {@code HMAC-SHA256(key, tenant \n seq \n hash)}, so that removing the newest records
 * and rewinding the head row to match is detectable by anyone holding the key. Without a key heads are unsigned.
 */
final class HeadSigner {
    private final byte[] key;

    HeadSigner(byte[] key) {
        if (key != null && key.length < 16) {
            throw new IllegalArgumentException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "the audit head key must have at least 16 bytes"));
        }
        this.key = key == null ? null : key.clone();
    }

    boolean enabled() {
        return key != null;
    }

    /** The signature of a head, or {@code null} when signing is off. */
    String sign(String tenant, long seq, String hash) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal((tenant + "\n" + seq + "\n" + hash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /** Whether {@code mac} is the signature of the head (always true when signing is off). */
    boolean verify(String tenant, long seq, String hash, String mac) {
        if (key == null) {
            return true;
        }
        return mac != null && MessageDigest.isEqual(sign(tenant, seq, hash).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }
}
