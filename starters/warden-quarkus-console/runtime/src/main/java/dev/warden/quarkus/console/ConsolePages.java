package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every console page shares: who the caller is (through the REST API's own {@link Callers}, so roles, tenant and
 * claim mapping are the API's), the CSRF token of the browser, rendering into the layout, and turning the API's
 * refusals into an error page that keeps the API's stable code. An anonymous caller is sent to the login page.
 */
@Singleton
public class ConsolePages {
    static final String HTML = "text/html;charset=UTF-8";

    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;
    @Inject
    ConsoleTemplates templates;
    @Inject
    ConsoleConfig config;

    /** The signed-in caller; an {@link ApiProblem} 401 (the page answers with the login page) otherwise. */
    public Principal caller() {
        try {
            return callers.principal(identity);
        } catch (ApiProblem e) {
            throw new ApiProblem(401, e.code(), e.getMessage());
        }
    }

    /** Runs a page, mapping refusals (the console's and the reused API's) to an error page. */
    public Response page(Supplier<Response> body) {
        try {
            return body.get();
        } catch (ApiProblem e) {
            return refusal(e.status(), e.code(), e.getMessage());
        } catch (ApprovalException e) {
            int status = switch (e.code()) {
                case ApprovalException.UNKNOWN -> 404;
                case ApprovalException.ALREADY_RESOLVED -> 409;
                default -> 403;
            };
            return refusal(status, e.code(), e.getMessage());
        }
    }

    /** {@link #page} for a signed-in caller only. */
    public Response signedIn(Supplier<Response> body) {
        return page(() -> {
            caller();
            return body.get();
        });
    }

    /**
     * {@link #page} for a form that a signed-in caller posted from a console page ({@link #checkCsrf}); the body reads
     * its fields with {@link FormFields#one}.
     */
    public Response signedInForm(List<String> csrf, Supplier<Response> body) {
        return page(() -> {
            caller();
            checkCsrf(FormFields.one(csrf, "_csrf"));
            return body.get();
        });
    }

    private Response refusal(int status, String code, String message) {
        if (status == 401) {
            return Response.seeOther(URI.create("/warden/login")).build();
        }
        Map<String, Object> data = new HashMap<>();
        data.put("status", status);
        data.put("code", code);
        data.put("message", message);
        return Response.status(status).entity(html("error", "Refused", data)).type(HTML).build();
    }

    /** A 200 page. */
    public Response ok(String template, String title, Map<String, Object> data) {
        return Response.ok(html(template, title, data), HTML).build();
    }

    /** Renders {@code template} with the layout's data (caller, CSRF token, title) added. */
    public String html(String template, String title, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("title", title);
        all.put("csrf", csrfToken());
        try {
            Principal p = callers.principal(identity);
            all.put("me", p);
            all.put("roles", String.join(", ", new java.util.TreeSet<>(p.roles())));
        } catch (ApiProblem e) {
            all.put("me", null);
        }
        return templates.render(template, all);
    }

    /**
     * Refuses a form post whose {@code _csrf} field (or {@code X-CSRF-Token} header) does not match the browser's
     * CSRF cookie; a cross-site request is refused whatever it carries.
     */
    public void checkCsrf(String submitted) {
        RoutingContext rc = request.getCurrent();
        String site = rc.request().getHeader("Sec-Fetch-Site");
        String header = rc.request().getHeader(CsrfTokens.HEADER);
        Cookie cookie = rc.request().getCookie(CsrfTokens.COOKIE);
        String value = cookie == null ? null : cookie.getValue();
        boolean ok = !"cross-site".equalsIgnoreCase(site)
                && (CsrfTokens.matches(value, submitted) || CsrfTokens.matches(value, header));
        if (!ok) {
            throw new ApiProblem(403, ConsoleCodes.CSRF_MISMATCH, "this form was not sent by a console page of "
                    + "this browser session (CSRF token missing or wrong); reload the page and try again");
        }
    }

    /** The browser's CSRF token, issuing one (as a cookie on this response) when it has none. */
    String csrfToken() {
        RoutingContext rc = request.getCurrent();
        Object issued = rc.get(CsrfTokens.COOKIE);
        if (issued instanceof String s) {
            return s;
        }
        Cookie cookie = rc.request().getCookie(CsrfTokens.COOKIE);
        String token = cookie != null && cookie.getValue() != null && cookie.getValue().length() >= 32
                ? cookie.getValue() : null;
        if (token == null) {
            token = CsrfTokens.fresh();
            rc.response().addCookie(cookie(CsrfTokens.COOKIE, token, -1));
        }
        rc.put(CsrfTokens.COOKIE, token);
        return token;
    }

    /** Sets the session cookie (the bearer token) for {@code maxAgeSeconds}; 0 clears it. */
    public void session(String token, long maxAgeSeconds) {
        request.getCurrent().response().addCookie(cookie(ConsoleSessionMechanism.COOKIE, token, maxAgeSeconds));
    }

    private Cookie cookie(String name, String value, long maxAgeSeconds) {
        RoutingContext rc = request.getCurrent();
        Cookie c = Cookie.cookie(name, value).setPath(ConsoleSessionMechanism.PATH).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(config.secureCookies() || rc.request().isSSL()
                        || "https".equalsIgnoreCase(rc.request().scheme()));
        if (maxAgeSeconds >= 0) {
            c.setMaxAge(maxAgeSeconds);
        }
        return c;
    }
}
