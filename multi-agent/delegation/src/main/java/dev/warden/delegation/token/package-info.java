/** Public API: signed context tokens (JWS) carrying the principal, labels and the RFC 8693 actor chain. */
package dev.warden.delegation.token;
