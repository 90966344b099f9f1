package dev.warden.quarkus.console;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Console-wide HTTP rules: every console path answers 404 when the console is off, and every console response forbids
 * framing (an approve button must not be clickjacked), scripts from elsewhere, inline scripts, caching and referrers.
 */
public class ConsoleHttpFilters {
    /** Scripts and styles only from the console's own assets; htmx runs without eval or inline styles. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Inject
    ConsoleConfig config;

    @ServerRequestFilter(preMatching = true)
    public Response disabled(ContainerRequestContext request) {
        if (!config.enabled() && ConsoleSessionMechanism.isConsolePath(request.getUriInfo().getPath())) {
            return Response.status(404).type("text/plain").entity(ConsoleCodes.CONSOLE_DISABLED
                    + ": the console is switched off (warden.console.enabled=false)").build();
        }
        return null;
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!ConsoleSessionMechanism.isConsolePath(request.getUriInfo().getPath())) {
            return;
        }
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Content-Security-Policy", CSP);
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "no-referrer");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
    }
}
