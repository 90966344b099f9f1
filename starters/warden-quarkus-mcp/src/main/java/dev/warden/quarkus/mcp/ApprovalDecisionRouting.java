package dev.warden.quarkus.mcp;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Pre-matching: {@code POST /v1/approvals/{id}/decision} is served by {@link GatewayApprovalDecisionResource}, which
 * decides gateway calls itself and hands every other approval to the starter's resource (Quarkus REST refuses two
 * resources declaring the same endpoint). Looks at the path only, never at a store: this runs on the event loop. Has
 * no injected state, because Quarkus REST creates filters before runtime configuration exists.
 */
public class ApprovalDecisionRouting {
    private static final Pattern DECISION = Pattern.compile("/v1/approvals/([^/]+)/decision/?");

    @ServerRequestFilter(preMatching = true)
    public void route(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return;
        }
        Matcher m = DECISION.matcher(request.getUriInfo().getRequestUri().getRawPath());
        if (m.matches()) {
            request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                    .replacePath(GatewayApprovalDecisionResource.PATH + "/" + m.group(1) + "/decision").build());
        }
    }
}
