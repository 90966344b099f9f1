package dev.warden.mcp.gateway;

import dev.warden.core.Principal;

/**
 * Turns the bearer token of an MCP HTTP request into the caller's {@link Principal}, or throws (any runtime
 * exception) to refuse it. The identity plane's JWT verifier fits directly:
 *
 * <pre>{@code
 * JwtPrincipalVerifier jwt = JwtPrincipalVerifier.builder().issuer(iss).audience("warden-mcp").jwks(jwks).build();
 * McpGateway gateway = McpGateway.builder()...authenticator(jwt::verify).build();
 * }</pre>
 *
 * Must be thread-safe and must not echo the token in exception messages: the gateway answers the client with a fixed
 * detail and logs the message at DEBUG (decision 0060).
 */
@FunctionalInterface
public interface BearerAuthenticator {
    Principal authenticate(String bearerToken);
}
