package dev.warden.delegation.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Public keys a verifier trusts, by key id. Built from configured keys or a peer's JWKS document; keeping a retired
 * key id next to the new one is how rotation works without refusing tokens in flight. Immutable, thread-safe.
 */
public final class TrustedKeys {
    private final Map<String, PublicJsonWebKey> byKid;

    private TrustedKeys(Map<String, PublicJsonWebKey> byKid) {
        this.byKid = Collections.unmodifiableMap(byKid);
    }

    public static TrustedKeys of(SigningKey... keys) {
        Map<String, PublicJsonWebKey> m = new LinkedHashMap<>();
        for (SigningKey k : keys) {
            put(m, publicOnly(k.publicJwk()));
        }
        return new TrustedKeys(m);
    }

    /** Keys from a JWKS document ({@code {"keys":[...]}}); every key needs a kid. */
    public static TrustedKeys fromJwks(String jwksJson) {
        try {
            Map<String, PublicJsonWebKey> m = new LinkedHashMap<>();
            for (JsonWebKey k : new JsonWebKeySet(jwksJson).getJsonWebKeys()) {
                if (!(k instanceof PublicJsonWebKey p)) {
                    throw new IllegalArgumentException("JWKS holds a non-public key type " + k.getKeyType());
                }
                put(m, publicOnly(p.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            }
            return new TrustedKeys(m);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWKS document: " + e.getMessage(), e);
        }
    }

    /** These keys plus {@code other}'s (e.g. the next key during a rotation, or a second peer). */
    public TrustedKeys and(TrustedKeys other) {
        Map<String, PublicJsonWebKey> m = new LinkedHashMap<>(byKid);
        other.byKid.values().forEach(k -> put(m, k));
        return new TrustedKeys(m);
    }

    /** The same keys without {@code kid} (a retired key after rotation). */
    public TrustedKeys without(String kid) {
        Map<String, PublicJsonWebKey> m = new LinkedHashMap<>(byKid);
        m.remove(kid);
        return new TrustedKeys(m);
    }

    Optional<PublicJsonWebKey> find(String kid) {
        return Optional.ofNullable(kid == null ? null : byKid.get(kid));
    }

    public List<String> keyIds() {
        return List.copyOf(byKid.keySet());
    }

    /** The JWKS document to publish (public parameters only). */
    public String toJwks() {
        return new JsonWebKeySet(new ArrayList<JsonWebKey>(byKid.values()))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static PublicJsonWebKey publicOnly(String json) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(json);
        } catch (JoseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void put(Map<String, PublicJsonWebKey> m, PublicJsonWebKey k) {
        if (k.getKeyId() == null || k.getKeyId().isBlank()) {
            throw new IllegalArgumentException("a trusted key needs a key id (kid)");
        }
        if (m.putIfAbsent(k.getKeyId(), k) != null) {
            throw new IllegalArgumentException("two trusted keys share the key id '" + k.getKeyId() + "'");
        }
    }
}
