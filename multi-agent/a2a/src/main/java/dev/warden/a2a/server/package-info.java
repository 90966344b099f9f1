/**
 * Serving a Warden agent over A2A JSON-RPC: {@link dev.warden.a2a.server.WardenA2aServer} (framework-neutral), {@link dev.warden.a2a.server.A2aHttpHandler} (JDK HTTP server), the generated card ({@link dev.warden.a2a.server.A2aAgentCards}) and bearer authentication ({@link dev.warden.a2a.server.BearerAuthenticator}).
 */
package dev.warden.a2a.server;
