package dev.warden.quarkus.langchain4j;

import dev.warden.core.Outcome;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A governed AI service refused inside a REST endpoint of the application answers as the Warden REST API does: an
 * RFC 9457 problem with the verdict's stable code — 403 for a policy refusal, 413 for input over the
 * limit, 503 when a plane failed (fail closed).
 * The endpoint needs no change.
 */
public class AiServiceProblems {

    @ServerExceptionMapper
    public Response refused(PolicyDeniedException e, UriInfo uri) {
        Verdict v = e.verdict();
        boolean failed = v != null && v.outcome() == Outcome.ERROR;
        String code = v == null || v.code() == null ? WardenCodes.POLICY_DENY : v.code();
        boolean tooLarge = AiServiceCodes.INPUT_TOO_LARGE.equals(code);
        int status = failed ? 503 : tooLarge ? 413 : 403;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://warden.dev/problems/" + code);
        body.put("title", failed ? "Service Unavailable" : tooLarge ? "Content Too Large" : "Forbidden");
        body.put("status", status);
        body.put("detail", e.getMessage());
        body.put("instance", uri == null ? null : uri.getPath());
        body.put("code", code);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
