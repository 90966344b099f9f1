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
 *
 * <p>A POST body is read here first (at most {@link #MAX_BODY_BYTES}; more is a 413 with
 * {@link McpCodes#GATEWAY_BODY_TOO_LARGE}): one with a {@code tools/call} sent as a notification is refused whole (400,
 * {@link McpCodes#GATEWAY_CALL_WITHOUT_ID}), each such call recorded as refused, and the server never reads it; any
 * other body is handed on unchanged (decision 0066).
 */
final class AuthenticatingMcpServlet extends HttpServlet {
    private static final System.Logger LOG = System.getLogger(AuthenticatingMcpServlet.class.getName());

    /** The largest request body the gateway reads. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpServlet transport;
    private final BearerAuthenticator authenticator;
    private final GatewayCallHandler calls;

    AuthenticatingMcpServlet(HttpServlet transport, BearerAuthenticator authenticator, GatewayCallHandler calls) {
        this.transport = transport;
        this.authenticator = authenticator;
        this.calls = calls;
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
            resp.setHeader("WWW-Authenticate", "Bearer");
            refuse(req, resp, 401, "Unauthorized", McpCodes.GATEWAY_UNAUTHENTICATED, problem);
            return;
        }
        req.setAttribute(GovernedMcpCall.PRINCIPAL, user);
        if (!"POST".equals(req.getMethod())) {
            transport.service(req, resp);
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            refuse(req, resp, 413, "Content Too Large", McpCodes.GATEWAY_BODY_TOO_LARGE, "the request body is larger "
                    + "than " + MAX_BODY_BYTES + " bytes; nothing was processed");
            return;
        }
        String charset = req.getCharacterEncoding();
        java.util.List<String> notified = charset == null || isUtf8(charset) ? ToolCallNotifications.inParsed(body)
                : null;
        if (notified == null) {
            refuse(req, resp, 400, "Bad Request", McpCodes.GATEWAY_BODY_UNREADABLE, "the request body must be JSON "
                    + "in UTF-8" + (charset == null ? "" : " (declared charset: " + charset + ")")
                    + "; nothing in this request was processed");
            return;
        }
        if (!notified.isEmpty()) {
            for (String tool : notified) {
                calls.refuseNotification(user, null, tool);
            }
            refuse(req, resp, 400, "Bad Request", McpCodes.GATEWAY_CALL_WITHOUT_ID, "a tools/call needs an id: sent "
                    + "as a notification nothing could answer it; nothing in this request was processed");
            return;
        }
        transport.service(new ReplayedBody(req, body), resp);
    }

    private static boolean isUtf8(String charset) {
        String name = charset.trim();
        return name.equalsIgnoreCase("UTF-8") || name.equalsIgnoreCase("UTF8");
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse resp, int status, String title,
            String code, String detail) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write("{\"type\":" + json("https://warden.dev/problems/" + code)
                + ",\"title\":" + json(title) + ",\"status\":" + status + ",\"code\":" + json(code)
                + ",\"detail\":" + json(detail + " (" + code + ")")
                + ",\"instance\":" + json(req.getRequestURI()) + "}");
    }

    @Override
    public void destroy() {
        transport.destroy();
    }

    private static String json(String s) {
        return dev.warden.core.audit.CanonicalJson.write(s);
    }
}
