package dev.warden.identity.internal;

import dev.warden.core.Principal;
import dev.warden.identity.ClaimMapping;
import dev.warden.identity.IdentityCodes;
import dev.warden.identity.TokenVerificationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies a {@link ClaimMapping} to the verified claims of a token. */
public final class ClaimReader {
    private ClaimReader() {}

    public static Principal principal(Map<String, Object> claims, ClaimMapping mapping) {
        Object sub = path(claims, mapping.subjectClaim());
        if (!(sub instanceof String id) || id.isBlank()) {
            throw new TokenVerificationException(IdentityCodes.TOKEN_NO_SUBJECT, "subject claim '"
                    + mapping.subjectClaim() + "' is missing or not a non-blank string");
        }
        String tenant = null;
        if (mapping.tenantClaim() != null) {
            Object t = path(claims, mapping.tenantClaim());
            if (t != null && !(t instanceof String)) {
                throw bad(mapping.tenantClaim(), "a string");
            }
            tenant = (String) t;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        mapping.attributeClaims().forEach((name, claim) -> {
            Object v = path(claims, claim);
            if (v != null) {
                attributes.put(name, scalarOrList(v, claim));
            }
        });
        return new Principal(id, tenant, roles(path(claims, mapping.rolesClaim()), mapping.rolesClaim()),
                attributes);
    }

    /** Follows a dotted path; a segment is first tried whole (claim names may contain dots). */
    static Object path(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(segment);
        }
        return current;
    }

    private static Set<String> roles(Object value, String claim) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String s) {
            for (String r : s.trim().split("\\s+")) {
                if (!r.isEmpty()) {
                    out.add(r);
                }
            }
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw bad(claim, "an array of strings or a space-separated string");
        }
        for (Object r : list) {
            if (!(r instanceof String s) || s.isBlank()) {
                throw bad(claim, "an array of non-blank strings");
            }
            out.add(s);
        }
        return out;
    }

    private static String scalarOrList(Object v, String claim) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object x : list) {
                if (x instanceof Map<?, ?> || x instanceof List<?>) {
                    throw bad(claim, "a scalar or an array of scalars");
                }
                parts.add(String.valueOf(x));
            }
            return String.join(",", parts);
        }
        throw bad(claim, "a scalar or an array of scalars");
    }

    private static TokenVerificationException bad(String claim, String wanted) {
        return new TokenVerificationException(IdentityCodes.TOKEN_BAD_CLAIM, "claim '" + claim + "' must be " + wanted);
    }
}
