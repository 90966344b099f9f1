package dev.warden.core;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Arguments labelled SECRET — by the tool descriptor ({@link ToolDescriptor#secretArguments()}) or because their name
 * says they are credentials — and how they are kept out of every output.
 *
 * <ul>
 *   <li>{@link #redact} replaces a secret value with {@link #REDACTED}: approval and confirmation views, span
 *       attributes, logs.</li>
 *   <li>{@link #digest} replaces it with a salted, slow digest ({@code pbkdf2-sha256$iterations$salt$hash}): the
 *       audit record, so the hash chain still commits to the exact value — a disputed value can be checked by
 *       recomputing with the recorded salt — while a dictionary attack on the record costs as much as one on a stored
 *       password.</li>
 * </ul>
 * Nested objects are walked; a key that is secret makes its whole value secret. Stateless and thread-safe.
 */
public final class SecretArguments {
    /** What a secret value is replaced with where no digest is needed. */
    public static final String REDACTED = "[REDACTED:SECRET]";
    /** PBKDF2 work factor of {@link #digest}. */
    public static final int ITERATIONS = 100_000;

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)^(.*[_-])?(password|passwd|passphrase|pwd|pin|otp|secret|client_?secret|token|access_?token"
                    + "|refresh_?token|api_?key|private_?key|secret_?key|credentials?)$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretArguments() {}

    /** Whether argument {@code name} of {@code tool} is secret. */
    public static boolean isSecret(ToolDescriptor tool, String name) {
        if (name == null) {
            return false;
        }
        if (tool != null && tool.secretArguments().contains(name)) {
            return true;
        }
        return CREDENTIAL_NAME.matcher(camelToSnake(name)).matches();
    }

    /** Names (top-level keys) of the secret arguments present in {@code args}, including those with secret nested keys. */
    public static Set<String> present(ToolDescriptor tool, Map<String, Object> args) {
        Set<String> out = new LinkedHashSet<>();
        if (args != null) {
            args.forEach((k, v) -> {
                if (isSecret(tool, k) || containsSecretKey(tool, v)) {
                    out.add(k);
                }
            });
        }
        return out;
    }

    /** {@code args} with every secret value replaced by {@link #REDACTED}; the same instance when nothing is secret. */
    public static Map<String, Object> redact(ToolDescriptor tool, Map<String, Object> args) {
        return replace(tool, args, v -> REDACTED);
    }

    /** {@code args} with every secret value replaced by its salted digest; the same instance when nothing is secret. */
    public static Map<String, Object> digest(ToolDescriptor tool, Map<String, Object> args) {
        return replace(tool, args, SecretArguments::digestOf);
    }

    /**
     * {@code args} with <em>every</em> value replaced by its salted digest, keys kept: arguments that carry a label the
     * audit keeps out ({@link dev.warden.core.audit.AuditRedaction}). The same instance when empty.
     */
    public static Map<String, Object> digestAll(Map<String, Object> args) {
        if (args == null || args.isEmpty()) {
            return args;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((k, v) -> out.put(k, v == null ? null : digestOf(v)));
        return out;
    }

    /** The secret values of {@code args} as strings (to scrub them out of free text such as the user's request). */
    public static List<String> values(ToolDescriptor tool, Map<String, Object> args) {
        List<String> out = new ArrayList<>();
        if (args != null) {
            collect(tool, args, false, out);
        }
        return out;
    }

    /** {@code text} with every occurrence of a secret value replaced by {@link #REDACTED}. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null || secrets == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, REDACTED);
            }
        }
        return out;
    }

    /** Salted PBKDF2-HMAC-SHA256 digest: {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. */
    public static String digestOf(Object value) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return digestOf(value, salt, ITERATIONS);
    }

    /** Checks {@code candidate} against a digest made by {@link #digestOf(Object)} (e.g. to settle a dispute). */
    public static boolean matches(Object candidate, String digest) {
        String[] parts = digest == null ? new String[0] : digest.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        return digestOf(candidate, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1])).equals(digest);
    }

    private static String digestOf(Object value, byte[] salt, int iterations) {
        String text = String.valueOf(value);
        try {
            PBEKeySpec spec = new PBEKeySpec(text.toCharArray(), salt, iterations, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by the Java platform", e);
        }
    }

    private static Map<String, Object> replace(ToolDescriptor tool, Map<String, Object> args,
            java.util.function.UnaryOperator<Object> with) {
        if (args == null || args.isEmpty() || present(tool, args).isEmpty()) {
            return args;
        }
        return replaceIn(tool, args, with);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replaceIn(ToolDescriptor tool, Map<String, Object> map,
            java.util.function.UnaryOperator<Object> with) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (isSecret(tool, k)) {
                out.put(k, v == null ? null : with.apply(v));
            } else if (v instanceof Map<?, ?> nested) {
                out.put(k, replaceIn(tool, (Map<String, Object>) nested, with));
            } else if (v instanceof List<?> list) {
                List<Object> copy = new ArrayList<>(list.size());
                for (Object item : list) {
                    copy.add(item instanceof Map<?, ?> m ? replaceIn(tool, (Map<String, Object>) m, with) : item);
                }
                out.put(k, copy);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static boolean containsSecretKey(ToolDescriptor tool, Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (isSecret(tool, String.valueOf(e.getKey())) || containsSecretKey(tool, e.getValue())) {
                    return true;
                }
            }
        } else if (v instanceof List<?> list) {
            for (Object item : list) {
                if (containsSecretKey(tool, item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(ToolDescriptor tool, Object v, boolean secret, List<String> out) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> collect(tool, x, secret || isSecret(tool, String.valueOf(k)), out));
        } else if (v instanceof List<?> list) {
            list.forEach(x -> collect(tool, x, secret, out));
        } else if (secret && v != null) {
            out.add(String.valueOf(v));
        }
    }

    private static String camelToSnake(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }
}
