package dev.warden.dataflow.internal;

import dev.warden.dataflow.DataFlowConfig.RedactionStyle;
import dev.warden.dataflow.detect.Finding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces detected spans: {@code [REDACTED:IBAN]} (mask) or {@code [IBAN:3fa81c0d92b4]} (tokenize: the first 12 hex
 * digits of HMAC-SHA256 over the normalised value, so the same value gives the same token and can be correlated
 * without being revealed). Thread-safe.
 */
public final class Redactor {
    private final RedactionStyle style;
    private final SecretKeySpec key;

    public Redactor(RedactionStyle style, byte[] tokenKey) {
        this.style = style;
        this.key = new SecretKeySpec(tokenKey, "HmacSHA256");
    }

    /**
     * Replaces the given spans of {@code text}.
     *
     * @param spans non-overlapping findings in {@code text}, by offset
     * @param kinds receives the kinds replaced
     */
    public String redact(String text, List<Finding> spans, Set<String> kinds) {
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : spans) {
            sb.append(text, at, f.offset()).append(replacement(f.kind(), f.valueIn(text)));
            at = f.end();
            kinds.add(f.kind());
        }
        return sb.append(text, at, text.length()).toString();
    }

    String replacement(String kind, String value) {
        if (style == RedactionStyle.MASK) {
            return "[REDACTED:" + kind + "]";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(ValueNormalizer.compact(value).getBytes(StandardCharsets.UTF_8));
            return "[" + kind + ":" + HexFormat.of().formatHex(h, 0, 6) + "]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
