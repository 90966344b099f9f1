package dev.warden.quarkus.postgres;

import dev.warden.core.audit.ChainHeadMac;

/**
 * Signs a tenant's chain head with {@link ChainHeadMac#sign} ({@code HMAC-SHA256(key, tenant \n seq \n hash)}), so
 * that removing the newest records and rewinding the head row to match is detectable by anyone holding the key.
 * Without a key heads are unsigned.
 */
final class HeadSigner {
    private final ChainHeadMac mac;

    HeadSigner(byte[] key) {
        if (key != null && key.length < ChainHeadMac.MIN_KEY_BYTES) {
            throw new IllegalArgumentException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "the audit head key must have at least " + ChainHeadMac.MIN_KEY_BYTES + " bytes"));
        }
        this.mac = key == null ? null : new ChainHeadMac(key);
    }

    boolean enabled() {
        return mac != null;
    }

    /** The signature of a head, or {@code null} when signing is off. */
    String sign(String tenant, long seq, String hash) {
        return mac == null ? null : mac.sign(tenant, seq, hash);
    }

    /** Whether {@code mac} is the signature of the head (always true when signing is off). */
    boolean verify(String tenant, long seq, String hash, String signature) {
        return mac == null || mac.verify(tenant, seq, hash, signature);
    }
}
