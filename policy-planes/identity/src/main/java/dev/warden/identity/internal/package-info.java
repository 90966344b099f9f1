/**
 * Internals of the identity plane. No compatibility is promised: these classes may change or disappear in any
 * release. Use {@link dev.warden.identity.IdentityPlane} and {@link dev.warden.identity.JwtPrincipalVerifier}.
 */
package dev.warden.identity.internal;
