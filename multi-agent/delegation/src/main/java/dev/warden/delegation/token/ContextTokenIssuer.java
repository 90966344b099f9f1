package dev.warden.delegation.token;

import dev.warden.core.GovernanceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs context tokens (compact JWS, RS256 or ES256, {@code kid} header) for outgoing delegations. Short-lived by
 * design (default 60 s): a token authorises one delegated call, and its {@code jti} is single-use at the receiver.
 * Thread-safe.
 *
 * <pre>{@code
 * ContextTokenIssuer issuer = new ContextTokenIssuer(SigningKey.generateEs256("svc-a-1"), "svc-a", clock,
 *         Duration.ofSeconds(60));
 * String jws = issuer.issue(calleeContext, "Summarise the Q3 report"); // bound to this task
 * }</pre>
 */
public final class ContextTokenIssuer {
    private final SigningKey key;
    private final String issuer;
    private final Clock clock;
    private final Duration ttl;

    public ContextTokenIssuer(SigningKey key, String issuer, Clock clock, Duration ttl) {
        this.key = Objects.requireNonNull(key, "key");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * The claims this issuer would sign for a callee context (audience = the callee agent), bound to {@code task}
     * ({@link TaskBinding}): the receiver refuses the token with any other task.
     */
    public ContextClaims claimsFor(GovernanceContext callee, String task) {
        Instant now = clock.instant();
        return ContextClaims.forCallee(callee, task, issuer, now, now.plus(ttl), UUID.randomUUID().toString());
    }

    /** A signed token for delivering {@code task} to the callee of {@code callee}. */
    public String issue(GovernanceContext callee, String task) {
        return sign(claimsFor(callee, task));
    }

    /** Signs the given claims as they are. */
    public String sign(ContextClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(ClaimsCodec.encode(claims).toJson());
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", "warden-context+jwt");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the context token", e);
        }
    }

    public String issuer() {
        return issuer;
    }
}
