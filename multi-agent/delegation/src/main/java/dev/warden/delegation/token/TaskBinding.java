package dev.warden.delegation.token;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The digest that binds a context token to the one task it carries (claim {@code task_digest}): the receiver
 * recomputes it from the request it received, so a captured token cannot deliver a different task.
 *
 * <p>Canonical form, version 1: the request's fields ({@code agentId}, {@code task}, and {@code request} when the
 * delegation carries the person's root request) sorted by name, each
 * written as {@code <name length>:<name><value length>:<value>} with lengths in UTF-16 code units in decimal, after
 * the prefix {@code warden-delegation-task/v1\n}; hashed with SHA-256 over UTF-8, written {@code sha256:} + base64url
 * without padding. Length prefixes make the encoding unambiguous without any escaping rule; the text is hashed
 * exactly as sent (no trimming, no Unicode normalisation), so any change to it changes the digest.
 *
 * <pre>{@code
 * String d = TaskBinding.digest("analyst", "Summarise the Q3 report"); // "sha256:…"
 * }</pre>
 */
public final class TaskBinding {
    private static final String PREFIX = "warden-delegation-task/v1\n";

    private TaskBinding() {}

    /**
     * The digest of the task handed to {@code agentId}.
     *
     * @throws IllegalArgumentException when a value is not well-formed UTF-16 (a lone surrogate)
     */
    public static String digest(String agentId, String task) {
        return digest(Map.of("agentId", Objects.requireNonNull(agentId, "agentId"),
                "task", Objects.requireNonNull(task, "task")));
    }

    /**
     * The digest of the task handed to {@code agentId} together with the person's root request it travels with
     * (decision 0073; field {@code request}, only when there is one): a changed, added or removed root request changes
     * the digest, so the token refuses it.
     *
     * @param request the root request's text, or {@code null} when the delegation carries none
     * @throws IllegalArgumentException when a value is not well-formed UTF-16 (a lone surrogate)
     */
    public static String digest(String agentId, String task, String request) {
        if (request == null) {
            return digest(agentId, task);
        }
        return digest(Map.of("agentId", Objects.requireNonNull(agentId, "agentId"),
                "task", Objects.requireNonNull(task, "task"), "request", request));
    }

    /** The digest of a delegation request's fields (names and values), independent of their order. */
    static String digest(Map<String, String> fields) {
        StringBuilder canonical = new StringBuilder(PREFIX);
        new TreeMap<>(fields).forEach((name, value) -> canonical.append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
        try {
            // strict: a lone surrogate would otherwise become '?', and two different texts would share a digest
            ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(canonical));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(utf8);
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the task is not well-formed Unicode (lone surrogate)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Compares two digests in time independent of where they differ. */
    static boolean matches(String expected, String actual) {
        return expected != null && actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
