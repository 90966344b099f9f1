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
 * {@link McpCodes#GATEWAY_UNAUTHENTICATED} and the REST API's problem type) and hands the caller's {@link Principal} to
 * the MCP transport as a request attribute. Every request is authenticated, not just session initialisation: a session
 * id is not a credential. Why a token was refused goes to the server log, never to the caller: the authenticator's
 * message may name the expected issuer, audience or key (decision 0060).
 */
final class AuthenticatingMcpServlet extends HttpServlet {
    private static final System.Logger LOG = System.getLogger(AuthenticatingMcpServlet.class.getName());

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
        String problem = "the MCP endpoint needs a bearer token";
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            problem = "the bearer token is not valid for this service";
            try {
                user = authenticator.authenticate(header.substring(7).trim());
                if (user == null) {
                    LOG.log(System.Logger.Level.INFO, "MCP gateway: the bearer token maps to no principal");
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "MCP gateway: bearer token refused: {0}", e.getMessage());
            }
        }
        if (user == null) {
            String code = McpCodes.GATEWAY_UNAUTHENTICATED;
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            resp.setHeader("WWW-Authenticate", "Bearer");
            resp.setContentType("application/problem+json");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write("{\"type\":" + json("https://warden.dev/problems/" + code)
                    + ",\"title\":\"Unauthorized\",\"status\":401,\"code\":" + json(code)
                    + ",\"detail\":" + json(problem + " (" + code + ")")
                    + ",\"instance\":" + json(req.getRequestURI()) + "}");
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
