package dev.warden.plane.external.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;

/**
 * Reads an AuthZEN Access Evaluation response: {@code {"decision": true|false, "context": {...}}}. Anything else — not
 * JSON, not an object, no {@code decision}, a {@code decision} that is not a JSON boolean ({@code "true"}, {@code 1},
 * {@code null}) — is malformed and throws {@link PdpException}: the caller fails closed.
 *
 * @param allowed the PDP's decision
 * @param reason the PDP's reason ({@code context.reason_user}, else {@code reason_admin}, else {@code reason}: a
 *     string or a language map, first entry), or {@code null}
 */
public record AuthZenAnswer(boolean allowed, String reason) {
    /** Largest answer read; a PDP answering more is misbehaving. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static AuthZenAnswer parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("empty body");
        }
        if (body.length > MAX_BYTES) {
            throw malformed("answer larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw malformed("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("not a JSON object");
        }
        JsonNode decision = root.get("decision");
        if (decision == null || !decision.isBoolean()) {
            throw malformed(decision == null ? "no 'decision'" : "'decision' is not a boolean");
        }
        JsonNode ctx = root.get("context");
        String reason = null;
        if (ctx != null && ctx.isObject()) {
            reason = text(ctx.get("reason_user"));
            if (reason == null) {
                reason = text(ctx.get("reason_admin"));
            }
            if (reason == null) {
                reason = text(ctx.get("reason")); // a plain reason code, as some PDPs send
            }
        }
        return new AuthZenAnswer(decision.booleanValue(), reason);
    }

    private static String text(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isObject()) {
            Iterator<JsonNode> values = n.elements();
            while (values.hasNext()) {
                JsonNode v = values.next();
                if (v.isTextual()) {
                    return v.textValue();
                }
            }
        }
        return null;
    }

    private static PdpException malformed(String what) {
        return new PdpException(dev.warden.plane.external.PdpCodes.MALFORMED_ANSWER, "the PDP's answer is not an AuthZEN evaluation response: " + what);
    }
}
