/**
 * The identity and authorization plane: contextual authorization over user × agent × tool × task
 * ({@link dev.warden.identity.IdentityPlane}) and the principal of a run from a verified JWT
 * ({@link dev.warden.identity.JwtPrincipalVerifier}, {@link dev.warden.identity.ClaimMapping}).
 *
 * <pre>{@code
 * Principal user = verifier.verify(bearerToken);
 * Governor governor = Governor.builder().plane(IdentityPlane.builder().engine(engine).build()).build();
 * }</pre>
 *
 * Stable codes are listed in {@link dev.warden.identity.IdentityCodes}.
 */
package dev.warden.identity;
