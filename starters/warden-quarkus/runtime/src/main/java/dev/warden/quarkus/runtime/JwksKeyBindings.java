package dev.warden.quarkus.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The bindings of the keys a JWKS URL serves (decision 0049): each key id with the SHA-256 thumbprints of the keys it
 * names. The set is read with jose4j's {@link HttpsJwks} — the client SmallRye JWT reads it with — on SmallRye's
 * schedule: re-read once the response's own cache lifetime ({@code Cache-Control: max-age}, {@code Expires}) or else
 * {@code smallrye.jwt.jwks.refresh-interval} has passed, so a key removed there stops its cached tokens no later than
 * SmallRye stops verifying them. A key id the set does not hold (a new key SmallRye just fetched) triggers a re-read
 * at most once per {@code minRefreshGap}. A set that cannot be read binds nothing: tokens are verified every time
 * until it can.
 */
public final class JwksKeyBindings implements VerificationKeyBinding {
    private static final Logger LOG = Logger.getLogger(JwksKeyBindings.class);

    private record Snapshot(List<JsonWebKey> keys, Map<String, String> byKid, String wholeSet) {}

    private final HttpsJwks jwks;
    private final long minRefreshGapMillis;
    private volatile Snapshot snapshot;
    private volatile long lastForcedRefresh = Long.MIN_VALUE / 2;
    private volatile boolean warned;

    public JwksKeyBindings(String location, Duration refreshInterval, Duration minRefreshGap) {
        this.jwks = new HttpsJwks(location);
        this.jwks.setDefaultCacheDuration(Math.max(1, refreshInterval.toSeconds()));
        this.minRefreshGapMillis = minRefreshGap.toMillis();
    }

    /** Whether a key location is a URL whose key set can change while the process runs. */
    public static boolean followable(String location) {
        return location != null && (location.startsWith("https://") || location.startsWith("http://"));
    }

    @Override
    public String current(String kid) {
        Snapshot s = snapshot();
        if (s == null) {
            return null;
        }
        if (kid == null) {
            return s.wholeSet();
        }
        String binding = s.byKid().get(kid);
        long now = System.currentTimeMillis();
        if (binding == null && now - lastForcedRefresh >= minRefreshGapMillis) {
            lastForcedRefresh = now;
            try {
                jwks.refresh();
            } catch (JoseException | IOException | RuntimeException e) {
                return null;
            }
            s = snapshot();
            binding = s == null ? null : s.byKid().get(kid);
        }
        return binding;
    }

    private Snapshot snapshot() {
        List<JsonWebKey> keys;
        try {
            keys = jwks.getJsonWebKeys(); // the same list until jose4j re-reads the set
        } catch (JoseException | IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warnf("token cache: the key set at %s cannot be read (%s); verified tokens are not reused until it"
                        + " can", jwks.getLocation(), e.getMessage());
            }
            return null;
        }
        Snapshot s = snapshot;
        if (s != null && s.keys() == keys) {
            return s;
        }
        Map<String, String> byKid = new TreeMap<>();
        for (JsonWebKey k : keys) {
            byKid.merge(String.valueOf(k.getKeyId()), thumbprint(k), (a, b) -> a.compareTo(b) <= 0 ? a + "," + b
                    : b + "," + a);
        }
        byKid.replaceAll((kid, prints) -> kid + "#" + prints);
        String whole = byKid.values().stream().collect(Collectors.joining(";", "set:", ""));
        s = new Snapshot(keys, Map.copyOf(byKid), whole);
        snapshot = s;
        return s;
    }

    private static String thumbprint(JsonWebKey k) {
        try {
            return k.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (RuntimeException e) {
            return "unprintable:" + System.identityHashCode(k); // never equal to another read's
        }
    }
}
