/**
 * The external decision plane, a plugin shipped with Warden: asks a policy decision point over OpenID AuthZEN's
 * Access Evaluation API with a timeout, a cache and fail-closed answers
 * ({@link dev.warden.plane.external.ExternalDecisionPlane}). Stable codes are in
 * {@link dev.warden.plane.external.PdpCodes}.
 */
package dev.warden.plane.external;
