package dev.warden.mcp.gateway;

import dev.warden.core.Principal;
import dev.warden.mcp.McpCodes;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses MCP HTTP requests without a valid bearer token (401, {@code WWW-Authenticate: Bearer}, problem+json with
 * {@link McpCodes#GATEWAY_UNAUTHENTICATED}) and hands the caller's {@link Principal} to the MCP transport as a request
 * attribute. Every request is authenticated, not just session initialisation: a session id is not a credential.
 */
final class AuthenticatingMcpServlet extends HttpServlet {
    private final HttpServlet transport;
    private final BearerAuthenticator authenticator;

    AuthenticatingMcpServlet(HttpServlet transport, BearerAuthenticator authenticator) {
        this.transport = transport;
        this.authenticator = authenticator;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport.init(config);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String header = req.getHeader("Authorization");
        Principal user = null;
        String problem = "missing bearer token";
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                user = authenticator.authenticate(header.substring(7).trim());
                problem = user == null ? "token maps to no principal" : null;
            } catch (RuntimeException e) {
                problem = "invalid bearer token: " + e.getMessage();
            }
        }
        if (user == null) {
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            resp.setHeader("WWW-Authenticate", "Bearer");
            resp.setContentType("application/problem+json");
            resp.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401,\"code\":\""
                    + McpCodes.GATEWAY_UNAUTHENTICATED + "\",\"detail\":" + json(problem) + "}");
            return;
        }
        req.setAttribute(GovernedMcpCall.PRINCIPAL, user);
        transport.service(req, resp);
    }

    @Override
    public void destroy() {
        transport.destroy();
    }

    private static String json(String s) {
        return dev.warden.core.audit.CanonicalJson.write(s);
    }
}
