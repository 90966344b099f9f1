package dev.warden.quarkus.runtime;

import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.api.ApiCodes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * Checks, before the service accepts a request, the key SmallRye JWT will verify user tokens with (SmallRye reads it
 * lazily, at the first request: a missing file would otherwise surface as a 500 on every call while readiness says
 * UP). With development tokens enabled outside prod it first creates the {@link DemoKeyPair} when the configured key
 * lives in {@code warden.dev-tokens.key-directory}. Then:
 * <ul>
 *   <li>every profile: a configured key file that cannot be read or holds no public key stops the start
 *       ({@value ApiCodes#VERIFICATION_KEY_UNREADABLE});</li>
 *   <li>prod: no verification key at all stops the start ({@value ApiCodes#NO_VERIFICATION_KEY}), and so does a
 *       demo-only key (a {@code demo-only-*} file, or one in the demo key directory) or any key whose private half
 *       was ever published with Warden ({@value ApiCodes#DEV_KEY_IN_PROD}).</li>
 * </ul>
 * A JWKS URL ({@code http(s)://}) is not fetched here; SmallRye fetches and refreshes it.
 */
@Singleton
public class VerificationKeyCheck {
    private static final Logger LOG = Logger.getLogger(VerificationKeyCheck.class);

    /**
     * SHA-256 of the DER public keys whose private halves were committed to this repository (the samples' former
     * bundled dev keys and the starters' test keys): anyone can sign with them.
     */
    static final Set<String> PUBLISHED_KEYS = Set.of(
            "43994b3559b5867a92a7c3dc245428ddcd11f34f77323977f2f6b584921da1ba",
            "51eea872aa4cf764e09ff392441f0ecc6d3a051b2a3263f533982bb6fb728e7f",
            "cdad4c2b62194c4794339d07c209c8365c33e0f0d6063635a8af0960c35ed135",
            "fbb69c320f1b500e9fb62ba2e342f51a64c7f752678624f39230325470c4df37");

    private final WardenConfig config;
    private final Config mpConfig;

    VerificationKeyCheck(WardenConfig config, Config mpConfig) {
        this.config = config;
        this.mpConfig = mpConfig;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        boolean prod = ConfigUtils.getProfiles().contains("prod");
        Path demoDir = Path.of(config.devTokens().keyDirectory());
        Optional<String> location = value("mp.jwt.verify.publickey.location")
                .or(() -> value("smallrye.jwt.verify.key.location"));
        if (!prod && config.devTokens().enabled() && location.filter(l -> inDirectory(l, demoDir)).isPresent()
                && DemoKeyPair.ensure(demoDir)) {
            LOG.infof("Warden: generated a demo-only token key pair in %s (non-prod profiles only; prod refuses it)",
                    demoDir.toAbsolutePath());
        }
        check(prod, location, value("mp.jwt.verify.publickey"), value("smallrye.jwt.verify.secretkey").isPresent(),
                demoDir);
        if (prod && value("mp.jwt.verify.audiences").isEmpty()) {
            LOG.warn("Warden: mp.jwt.verify.audiences is not set: tokens issued for other services are accepted");
        }
    }

    /**
     * The whole decision, without CDI: throws a {@link DeploymentException} naming the code, the key and the fix.
     *
     * @param location {@code mp.jwt.verify.publickey.location} (file, classpath or URL)
     * @param inlineKey {@code mp.jwt.verify.publickey}
     * @param secretKey whether an HMAC secret is configured instead
     */
    static void check(boolean prod, Optional<String> location, Optional<String> inlineKey, boolean secretKey,
            Path demoDir) {
        if (location.isEmpty() && inlineKey.isEmpty() && !secretKey) {
            if (prod) {
                throw refusal(ApiCodes.NO_VERIFICATION_KEY, "no key to verify user tokens is configured; set "
                        + "mp.jwt.verify.publickey.location to your identity provider's public key or JWKS URL");
            }
            return;
        }
        if (location.isPresent() && !location.get().startsWith("http")) {
            String where = location.get();
            if (prod && (fileName(where).startsWith(DemoKeyPair.PREFIX) || inDirectory(where, demoDir))) {
                throw refusal(ApiCodes.DEV_KEY_IN_PROD, "the prod profile trusts the demo-only key " + where
                        + "; set mp.jwt.verify.publickey.location to your identity provider's public key or JWKS URL");
            }
            String content;
            try {
                content = KeyUtils.readKeyContent(where);
            } catch (Exception e) {
                throw refusal(ApiCodes.VERIFICATION_KEY_UNREADABLE, "the token verification key "
                        + "mp.jwt.verify.publickey.location=" + where + " cannot be read (" + e.getMessage() + ")");
            }
            refusePublished(prod, where, keys(content, where));
        }
        if (inlineKey.isPresent()) {
            refusePublished(prod, "mp.jwt.verify.publickey", keys(inlineKey.get(), "mp.jwt.verify.publickey"));
        }
    }

    private static void refusePublished(boolean prod, String where, List<PublicKey> keys) {
        if (prod && keys.stream().map(VerificationKeyCheck::fingerprint).anyMatch(PUBLISHED_KEYS::contains)) {
            throw refusal(ApiCodes.DEV_KEY_IN_PROD, "the prod profile trusts " + where + ", a development key whose "
                    + "private half is public; configure your identity provider's key");
        }
    }

    /** The public keys in a PEM key, PEM certificate, JWK or JWKS; none is an error. */
    static List<PublicKey> keys(String content, String where) {
        List<PublicKey> out = new ArrayList<>();
        String text = content.trim();
        try {
            if (text.contains("-----BEGIN CERTIFICATE")) {
                out.add(KeyUtils.decodeCertificate(text));
            } else if (!text.startsWith("{")) {
                out.add(KeyUtils.decodePublicKey(text)); // PEM, or bare base64 DER as SmallRye also accepts
            } else {
                List<JsonWebKey> jwks = KeyUtils.loadJsonWebKeys(text);
                for (JsonWebKey jwk : jwks == null ? List.<JsonWebKey>of() : jwks) {
                    if (jwk instanceof PublicJsonWebKey pub && pub.getPublicKey() != null) {
                        out.add(pub.getPublicKey());
                    }
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw refusal(ApiCodes.VERIFICATION_KEY_UNREADABLE, "the token verification key " + where
                    + " is not a PEM public key, certificate or JWK set (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw refusal(ApiCodes.VERIFICATION_KEY_UNREADABLE, "the token verification key " + where
                    + " holds no public key");
        }
        return out;
    }

    static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean inDirectory(String location, Path dir) {
        if (location.startsWith("http") || location.startsWith("classpath:")) {
            return false;
        }
        Path file = Path.of(location.startsWith("file:") ? location.substring(5) : location);
        return file.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }

    private static String fileName(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static DeploymentException refusal(String code, String message) {
        return new DeploymentException(code + " Warden refuses to start: " + message);
    }

    /** A configured value; {@code NONE} means unset (Quarkus sets the inline key so when a location is used). */
    private Optional<String> value(String key) {
        return mpConfig.getOptionalValue(key, String.class).filter(v -> !v.isBlank() && !"NONE".equals(v));
    }
}
