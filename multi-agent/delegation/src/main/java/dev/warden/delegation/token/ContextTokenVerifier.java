package dev.warden.delegation.token;

import static dev.warden.delegation.DelegationCodes.*;

import dev.warden.core.Labels;
import dev.warden.delegation.ScopeAttenuation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Verifies an incoming context token, in this order (the first failure decides, with its stable code):
 * <ol>
 *   <li>a compact JWS signed with RS256 or ES256 only, whose {@code kid} names a trusted key, and whose signature
 *       verifies ({@code WARDEN-DLG-0020}/{@code 0021});</li>
 *   <li>well-formed claims ({@code 0027});</li>
 *   <li>the issuer ({@code iss}) is one of the accepted issuers ({@code 0162});</li>
 *   <li>not expired, not issued in the future, not longer-lived than {@code maxLifetime}, all on the injected clock
 *       with {@code clockSkew} ({@code 0022});</li>
 *   <li>audience is the agent it is presented to ({@code 0023});</li>
 *   <li>the token is bound to the task delivered with it: its {@code task_digest} equals {@link TaskBinding#digest}
 *       of the agent and task received ({@code 0160}); a token without a digest is refused the same way;</li>
 *   <li>the act chain: at most {@code maxDepth} hops ({@code 0003}), the audience not already in it ({@code 0002}), no
 *       hop granting scopes the previous hop did not hold ({@code 0025}), no hop declaring labels the token's labels
 *       do not reach, nor labels lower than an earlier hop's ({@code 0026});</li>
 *   <li>the {@code jti} is used for the first time ({@code 0024}); recorded in the {@link ReplayStore} only when
 *       everything else passed. A store that cannot answer refuses the token ({@code 0161}).</li>
 * </ol>
 * Nothing from W3C {@code baggage} or {@code tracestate} is read: only signed claims feed decisions. Thread-safe.
 */
public final class ContextTokenVerifier {
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private final TrustedKeys keys;
    private final Set<String> issuers;
    private final Clock clock;
    private final ReplayStore replay;
    private final int maxDepth;
    private final Duration clockSkew;
    private final Duration maxLifetime;

    /**
     * @param issuers the {@code iss} values accepted (the peers' configured names); a token from any other issuer is
     *     refused even when its key is trusted
     */
    public ContextTokenVerifier(TrustedKeys keys, Set<String> issuers, Clock clock, ReplayStore replay, int maxDepth,
            Duration clockSkew, Duration maxLifetime) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuers = Set.copyOf(issuers);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replay = Objects.requireNonNull(replay, "replay");
        this.maxDepth = maxDepth;
        this.clockSkew = clockSkew;
        this.maxLifetime = maxLifetime;
    }

    /**
     * Defaults: an in-memory {@link ReplayCache} of 10 000 ids (one process; services pass a shared store), 5 s clock
     * skew, tokens living at most 5 minutes.
     */
    public static ContextTokenVerifier of(TrustedKeys keys, Set<String> issuers, Clock clock, int maxDepth) {
        return new ContextTokenVerifier(keys, issuers, clock, new ReplayCache(clock, 10_000), maxDepth,
                Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    /**
     * Verifies a token presented to deliver {@code task} to {@code expectedAudience}.
     *
     * @throws ContextTokenException with a {@code WARDEN-DLG-00xx} code when the token is refused
     */
    public ContextClaims verify(String token, String expectedAudience, String task) {
        return verify(token, expectedAudience, task, null);
    }

    /**
     * Verifies a token presented to deliver {@code task} with the person's root request {@code rootRequest}
     * ({@code null}: none came with it) to {@code expectedAudience}: the token's {@code task_digest} binds both
     * (decision 0073), so a root request changed, added or dropped on the way is refused as a task mismatch.
     *
     * @throws ContextTokenException with a {@code WARDEN-DLG-00xx} code when the token is refused
     */
    public ContextClaims verify(String token, String expectedAudience, String task, String rootRequest) {
        ContextClaims c = authenticate(token, expectedAudience);
        checkTask(c, expectedAudience, task, rootRequest);
        checkChain(c);
        ReplayStore.Claim claim;
        try {
            claim = replay.claim(c.jti(), c.expiresAt().plus(clockSkew));
        } catch (RuntimeException e) { // whatever the store's fault, the token is not proven unused
            throw new ContextTokenException(REPLAY_STORE_UNAVAILABLE, "context token refused: the replay store "
                    + "cannot tell whether it was used (" + e.getMessage() + ")");
        }
        if (claim != ReplayStore.Claim.FIRST_USE) {
            throw new ContextTokenException(TOKEN_REPLAYED, claim == ReplayStore.Claim.REPLAYED
                    ? "context token " + c.jti() + " was already used" : "replay cache is full; refusing new tokens");
        }
        return c;
    }

    /**
     * The cheap first half of {@link #verify}: signature by a trusted key, accepted issuer, lifetime and audience —
     * enough to know who is calling before a request body is parsed. Neither binds the token to a task nor uses it
     * up: a request must still pass {@link #verify}.
     *
     * @throws ContextTokenException with a {@code WARDEN-DLG-00xx} code when the token is refused
     */
    public ContextClaims authenticate(String token, String expectedAudience) {
        ContextClaims c = ClaimsCodec.decode(verifiedPayload(token));
        if (c.issuer() == null || !issuers.contains(c.issuer())) {
            throw new ContextTokenException(TOKEN_ISSUER, "context token issued by " + (c.issuer() == null
                    ? "no issuer" : "'" + c.issuer() + "'") + ", not one of the accepted issuers "
                    + issuers.stream().sorted().toList());
        }
        Instant now = clock.instant();
        if (!now.isBefore(c.expiresAt().plus(clockSkew))) {
            throw new ContextTokenException(TOKEN_EXPIRED, "context token expired at " + c.expiresAt());
        }
        if (c.issuedAt().isAfter(now.plus(clockSkew))) {
            throw new ContextTokenException(TOKEN_EXPIRED, "context token issued in the future (" + c.issuedAt() + ")");
        }
        if (Duration.between(c.issuedAt(), c.expiresAt()).compareTo(maxLifetime) > 0) {
            throw new ContextTokenException(TOKEN_EXPIRED, "context token lives longer than " + maxLifetime);
        }
        if (!c.audience().equals(expectedAudience)) {
            throw new ContextTokenException(TOKEN_AUDIENCE, "context token is for '" + c.audience() + "', not '"
                    + expectedAudience + "'");
        }
        return c;
    }

    private static void checkTask(ContextClaims c, String audience, String task, String rootRequest) {
        if (c.taskDigest() == null) {
            throw new ContextTokenException(TOKEN_TASK_MISMATCH, "context token is not bound to a task (no "
                    + "task_digest)");
        }
        String received;
        try {
            received = TaskBinding.digest(audience, task == null ? "" : task, rootRequest);
        } catch (IllegalArgumentException e) {
            throw new ContextTokenException(TOKEN_TASK_MISMATCH, "the delegated task cannot be bound: "
                    + e.getMessage());
        }
        if (!TaskBinding.matches(c.taskDigest(), received)) {
            throw new ContextTokenException(TOKEN_TASK_MISMATCH, "context token " + c.jti() + " was issued for "
                    + "another task: the task (or the root request) delivered with it does not match its task_digest");
        }
    }

    private JwtClaims verifiedPayload(String token) {
        if (token == null || token.isBlank() || token.chars().filter(ch -> ch == '.').count() != 2) {
            throw new ContextTokenException(TOKEN_MISSING, "no compact JWS context token");
        }
        requireCanonicalBase64Url(token);
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(ALGORITHMS);
            jws.setCompactSerialization(token);
            PublicJsonWebKey key = keys.find(jws.getKeyIdHeaderValue()).orElseThrow(() -> new ContextTokenException(
                    TOKEN_SIGNATURE, "context token signed with unknown key id '" + jws.getKeyIdHeaderValue() + "'"));
            jws.setKey(key.getPublicKey());
            if (!jws.verifySignature()) {
                throw new ContextTokenException(TOKEN_SIGNATURE, "context token signature does not verify");
            }
            return JwtClaims.parse(jws.getPayload());
        } catch (JoseException e) {
            throw new ContextTokenException(TOKEN_SIGNATURE, "context token rejected: " + e.getMessage());
        } catch (InvalidJwtException e) {
            throw ClaimsCodec.malformed("payload is not a JSON claims set");
        }
    }

    /**
     * One token, one spelling: every segment must be base64url exactly as an encoder writes it. The JOSE library also
     * accepts '+' and '/' and ignores the unused low bits of a segment's last character, so one signed token would
     * otherwise have many accepted spellings (malleable, and a trap for anything keyed by the token text).
     */
    private static void requireCanonicalBase64Url(String token) {
        for (String segment : token.split("\\.", -1)) {
            byte[] bytes;
            try {
                bytes = Base64.getUrlDecoder().decode(segment);
            } catch (IllegalArgumentException e) {
                throw new ContextTokenException(TOKEN_SIGNATURE, "context token is not base64url");
            }
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment)) {
                throw new ContextTokenException(TOKEN_SIGNATURE, "context token is not canonical base64url");
            }
        }
    }

    private void checkChain(ContextClaims c) {
        List<ActorHop> chain = c.chain();
        if (chain.isEmpty()) {
            throw ClaimsCodec.malformed("act chain is empty: a delegated call has at least one actor");
        }
        if (chain.size() > maxDepth) {
            throw new ContextTokenException(DEPTH_EXCEEDED, "delegation chain of " + chain.size()
                    + " hops exceeds the limit of " + maxDepth);
        }
        if (chain.stream().anyMatch(h -> h.agentId().equals(c.audience()))) {
            throw new ContextTokenException(CYCLE, "agent '" + c.audience() + "' is already in the delegation chain "
                    + chain.stream().map(ActorHop::agentId).toList());
        }
        int widened = ScopeAttenuation.firstWidening(c.hops());
        if (widened >= 0) {
            ActorHop h = chain.get(widened);
            Set<String> before = ScopeAttenuation.held(c.hops().subList(0, widened)).orElse(Set.of());
            throw new ContextTokenException(SCOPE_WIDENED, "agent '" + h.agentId() + "' grants " + (h.scopes()
                    .isEmpty() ? "unrestricted scopes" : h.scopes().stream().sorted().toList()) + " beyond "
                    + before.stream().sorted().toList() + " held before it");
        }
        Labels floor = Labels.PUBLIC;
        for (ActorHop h : chain) {
            if (h.labels() == null) {
                continue;
            }
            if (!isAtLeast(h.labels(), floor) || !isAtLeast(c.labels(), h.labels())) {
                throw new ContextTokenException(LABELS_LOWERED, "labels " + c.labels() + " are lower than "
                        + h.labels() + " declared by agent '" + h.agentId() + "'");
            }
            floor = h.labels();
        }
    }

    /** {@code a} is at or above {@code b} in the lattice (level, categories, and untrusted never turns trusted). */
    private static boolean isAtLeast(Labels a, Labels b) {
        return a.join(b).equals(a);
    }
}
