package dev.warden.quarkus.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way the Standard Webhooks specification does: HMAC-SHA256 over
 * {@code <id>.<timestamp>.<body>} with a shared key, sent as {@code webhook-signature: v1,<base64>} beside
 * {@code webhook-id} (the idempotency key) and {@code webhook-timestamp} (epoch seconds). Signing the id and the
 * timestamp with the body means a receiver that checks the signature and refuses old timestamps also refuses replays
 * and bodies moved to another id. Receivers verify with {@link #verify}.
 */
public final class WebhookSignature {
    /** Shortest key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key.clone();
    }

    /**
     * A signer for a base64 key (an optional {@code whsec_} prefix is ignored).
     *
     * @throws IllegalArgumentException if it is not base64 or shorter than {@link #MIN_KEY_BYTES}
     */
    public static WebhookSignature ofBase64(String key) {
        String text = key.trim().startsWith(PREFIX) ? key.trim().substring(PREFIX.length()) : key.trim();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook key is not valid base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the webhook key must decode to at least " + MIN_KEY_BYTES
                    + " bytes (e.g. `openssl rand -base64 32`), not " + bytes.length);
        }
        return new WebhookSignature(bytes);
    }

    /** The {@code webhook-signature} header value for this message. */
    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether {@code header} (one or more space-separated {@code v1,<base64>}) signs this message (constant time). */
    public boolean verify(String id, long timestampSeconds, String body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(id, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (String candidate : header.trim().split("\\s+")) {
            ok |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }
}
