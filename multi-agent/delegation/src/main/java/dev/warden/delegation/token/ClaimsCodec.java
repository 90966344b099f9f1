package dev.warden.delegation.token;

import dev.warden.core.Confidentiality;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.delegation.DelegationCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

/** Maps {@link ContextClaims} to and from JWT claims. Anything malformed is {@link DelegationCodes#TOKEN_MALFORMED}. */
final class ClaimsCodec {
    /** An act chain nested deeper than this is refused before it is walked. */
    static final int MAX_ACT_NESTING = 32;
    /** Replay stores keep every jti for the token's lifetime: its size is bounded. */
    static final int MAX_JTI_LENGTH = 128;

    private ClaimsCodec() {}

    static JwtClaims encode(ContextClaims c) {
        JwtClaims j = new JwtClaims();
        if (c.issuer() != null) {
            j.setIssuer(c.issuer());
        }
        j.setSubject(c.subject());
        j.setAudience(c.audience());
        j.setIssuedAt(NumericDate.fromSeconds(c.issuedAt().getEpochSecond()));
        j.setExpirationTime(NumericDate.fromSeconds(c.expiresAt().getEpochSecond()));
        j.setJwtId(c.jti());
        j.setClaim("tenant", c.tenant());
        j.setStringListClaim("roles", new ArrayList<>(new TreeSet<>(c.roles())));
        if (!c.userAttributes().isEmpty()) {
            j.setClaim("user_attrs", new LinkedHashMap<>(c.userAttributes()));
        }
        j.setClaim("labels", labels(c.labels()));
        if (c.purpose() != null) {
            j.setClaim("purpose", c.purpose());
        }
        if (c.conversationId() != null) {
            j.setClaim("conv", c.conversationId());
        }
        if (c.taskDigest() != null) {
            j.setClaim("task_digest", c.taskDigest());
        }
        Map<String, Object> act = null;
        for (ActorHop h : c.chain()) { // oldest first: each newer actor wraps the older ones
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("sub", h.agentId());
            a.put("scopes", new ArrayList<>(new TreeSet<>(h.scopes())));
            if (h.labels() != null) {
                a.put("labels", labels(h.labels()));
            }
            if (act != null) {
                a.put("act", act);
            }
            act = a;
        }
        if (act != null) {
            j.setClaim("act", act);
        }
        return j;
    }

    static ContextClaims decode(JwtClaims j) {
        try {
            List<String> aud = j.getAudience();
            if (j.getSubject() == null || aud == null || aud.size() != 1 || j.getJwtId() == null
                    || j.getExpirationTime() == null || j.getIssuedAt() == null) {
                throw malformed("sub, a single aud, jti, iat and exp are required");
            }
            if (j.getJwtId().isEmpty() || j.getJwtId().length() > MAX_JTI_LENGTH) {
                throw malformed("jti must have 1 to " + MAX_JTI_LENGTH + " characters");
            }
            List<ActorHop> chain = new ArrayList<>();
            Object act = j.getClaimValue("act");
            while (act != null) {
                if (!(act instanceof Map<?, ?> m) || !(m.get("sub") instanceof String sub) || chain.size()
                        >= MAX_ACT_NESTING) {
                    throw malformed("act must be nested objects with a sub");
                }
                chain.add(0, new ActorHop(sub, strings(m.get("scopes")), m.get("labels") == null ? null
                        : labels(m.get("labels"))));
                act = m.get("act");
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            if (j.getClaimValue("user_attrs") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> attrs.put(String.valueOf(k), String.valueOf(v)));
            }
            return new ContextClaims(j.getIssuer(), j.getSubject(), j.getStringClaimValue("tenant"),
                    strings(j.getClaimValue("roles")), attrs, aud.get(0),
                    Instant.ofEpochSecond(j.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(j.getExpirationTime().getValue()), j.getJwtId(),
                    labels(j.getClaimValue("labels")), chain, j.getStringClaimValue("purpose"),
                    j.getStringClaimValue("conv"), j.getStringClaimValue("task_digest"));
        } catch (MalformedClaimException | IllegalArgumentException | ClassCastException e) {
            throw malformed(e.getMessage());
        }
    }

    static Map<String, Object> labels(Labels l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", l.level().name());
        m.put("categories", new ArrayList<>(l.categories()));
        m.put("integrity", l.integrity().name());
        return m;
    }

    static Labels labels(Object o) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("level") instanceof String level)
                || !(m.get("integrity") instanceof String integrity)) {
            throw malformed("labels must carry level, categories and integrity");
        }
        return new Labels(Confidentiality.valueOf(level), new TreeSet<>(strings(m.get("categories"))),
                Integrity.valueOf(integrity));
    }

    private static Set<String> strings(Object o) {
        if (o == null) {
            return Set.of();
        }
        if (!(o instanceof Collection<?> c)) {
            throw malformed("expected an array of strings");
        }
        Set<String> out = new TreeSet<>();
        for (Object v : c) {
            if (!(v instanceof String s)) {
                throw malformed("expected an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    static ContextTokenException malformed(String detail) {
        return new ContextTokenException(DelegationCodes.TOKEN_MALFORMED, "malformed context token: " + detail);
    }
}
