package dev.warden.quarkus.delegation;

import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TrustedKeys;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This service's signing key and the public keys it trusts. Peers' JWKS URLs are fetched on first use and again
 * after {@code refresh-interval}; a peer that cannot be reached keeps its last good keys (or none: its tokens are
 * refused, fail closed). Thread-safe.
 */
@Singleton
public class DelegationKeys {
    private static final Logger LOG = Logger.getLogger(DelegationKeys.class);

    private final DelegationConfig config;
    private final Clock clock;
    private final SigningKey signingKey;
    private final TrustedKeys fixed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<URI, Fetched> fetched = new LinkedHashMap<>();
    private TrustedKeys current;

    private record Fetched(TrustedKeys keys, Instant at) {}

    DelegationKeys(DelegationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signingKey = loadSigningKey(config);
        TrustedKeys keys = config.trustedKeys().trustOwnKey() ? TrustedKeys.of(signingKey) : TrustedKeys.of();
        if (config.trustedKeys().jwks().isPresent()) {
            try {
                keys = keys.and(TrustedKeys.fromJwks(config.trustedKeys().jwks().get()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(DelegationStartupCodes.BAD_TRUSTED_KEYS
                        + " warden.delegation.trusted-keys.jwks: " + e.getMessage(), e);
            }
        }
        this.fixed = keys;
        this.current = keys;
    }

    public SigningKey signingKey() {
        return signingKey;
    }

    /** The JWKS this service publishes: the public half of its signing key. */
    public String publishedJwks() {
        return TrustedKeys.of(signingKey).toJwks();
    }

    /**
     * The keys to verify with now: the configured ones plus every peer JWKS fetched within the refresh interval.
     * Returns the same instance while nothing changed, so callers can cache what they built from it. Blocks while a
     * peer JWKS is fetched: call from a worker thread.
     */
    public synchronized TrustedKeys trusted() {
        List<URI> urls = config.trustedKeys().jwksUrls().orElse(List.of());
        boolean changed = false;
        for (URI url : urls) {
            Fetched f = fetched.get(url);
            if (f == null || !clock.instant().isBefore(f.at().plus(config.trustedKeys().refreshInterval()))) {
                TrustedKeys keys = fetch(url);
                if (keys != null) {
                    changed |= f == null || !f.keys().keyIds().equals(keys.keyIds());
                    fetched.put(url, new Fetched(keys, clock.instant()));
                }
            }
        }
        if (changed) {
            TrustedKeys all = fixed;
            for (Fetched f : fetched.values()) {
                for (String kid : f.keys().keyIds()) {
                    if (all.keyIds().contains(kid)) {
                        all = all.without(kid); // a peer sharing this service's key (same key file): keep one copy
                    }
                }
                all = all.and(f.keys());
            }
            current = all;
        }
        return current;
    }

    private TrustedKeys fetch(URI url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                LOG.warnf("JWKS %s answered HTTP %d; its keys stay as they were", url, r.statusCode());
                return null;
            }
            return TrustedKeys.fromJwks(r.body());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("JWKS %s could not be read (%s); its keys stay as they were", url, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static SigningKey loadSigningKey(DelegationConfig config) {
        if (config.signingKey().jwkFile().isPresent()) {
            try {
                return SigningKey.fromJwk(Files.readString(config.signingKey().jwkFile().get()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException(DelegationStartupCodes.BAD_SIGNING_KEY
                        + " warden.delegation.signing-key.jwk-file: " + e.getMessage(), e);
            }
        }
        String kid = config.signingKey().kid().orElse(config.issuer() + "-" + UUID.randomUUID().toString()
                .substring(0, 8));
        LOG.infof("Warden delegation: generated signing key '%s' (set warden.delegation.signing-key.jwk-file to keep "
                + "one across restarts)", kid);
        return SigningKey.generateEs256(kid);
    }
}
