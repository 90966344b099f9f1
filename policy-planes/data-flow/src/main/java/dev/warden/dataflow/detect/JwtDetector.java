package dev.warden.dataflow.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens (JWS) in compact serialisation: three base64url parts separated by dots (a full stop after the
 * token ends a sentence, it is not part of it), whose header decodes to a JSON object with a string {@code alg} and whose payload decodes to a JSON object. The signature part may be empty
 * ({@code alg: none}); such a token is still a bearer credential for lax verifiers.
 */
public final class JwtDetector implements Detector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9_-])(e[wy][A-Za-z0-9_-]{5,})\\.(e[wy][A-Za-z0-9_-]{5,})\\.([A-Za-z0-9_-]*+)"
                    + "(?![A-Za-z0-9_-])(?!\\.[A-Za-z0-9_-])");

    @Override
    public String name() {
        return "jwt";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.JWT);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        for (int i = 0; i + 16 <= n; i++) {
            // a token starts with "ey" or "ew" (base64url of '{"' or '{\n'): try the pattern only there
            char next = text.charAt(i + 1);
            if (text.charAt(i) != 'e' || next != 'y' && next != 'w' || !m.region(i, n).lookingAt()) {
                continue;
            }
            i = m.end() - 1;
            JsonNode header = decode(m.group(1));
            JsonNode payload = decode(m.group(2));
            if (header != null && header.isObject() && header.path("alg").isTextual()
                    && payload != null && payload.isObject()) {
                out.add(new Finding(SensitiveKinds.JWT, m.start(), m.end() - m.start(), 0.97));
            }
        }
        return out;
    }

    private static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
