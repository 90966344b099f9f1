package dev.warden.quarkus.runtime;

/**
 * Which verification key a cached token stands on, as the key set is now (decision 0049): {@link VerifiedTokenCache}
 * reuses a token only while the key its header names still has the binding it had when the token was verified, so a
 * key removed from the identity provider's key set, or replaced under the same key id, stops its tokens at once.
 */
@FunctionalInterface
public interface VerificationKeyBinding {
    /** A key read once per start (a file, an inline key): its binding never changes while the process runs. */
    VerificationKeyBinding STATIC = kid -> "static";

    /**
     * The current binding of the key named {@code kid} (may be {@code null}: then the whole key set's), e.g. the key
     * id and the key's thumbprint; {@code null} when the key set does not hold that key or cannot be read now — the
     * token is then verified and not remembered (fail closed: a cache that cannot tell is not used).
     */
    String current(String kid);
}
