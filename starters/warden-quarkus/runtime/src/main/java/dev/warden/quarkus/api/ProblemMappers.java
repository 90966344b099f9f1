package dev.warden.quarkus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.warden.core.agent.ApprovalException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the Warden API as {@code application/problem+json} (RFC 9457) with a stable {@code code}. */
public class ProblemMappers {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ApiProblem e, UriInfo uri) {
        return render(e.status(), e.code(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response approval(ApprovalException e, UriInfo uri) {
        int status = switch (e.code()) {
            case ApprovalException.UNKNOWN -> 404;
            case ApprovalException.ALREADY_RESOLVED -> 409;
            default -> 403;
        };
        return render(status, e.code(), e.getMessage(), uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(render(401, ApiCodes.UNAUTHENTICATED,
                "a valid bearer token is required (signature, issuer, audience and expiry are checked)", uri))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(403, ApiCodes.FORBIDDEN, "the caller's roles do not allow this operation", uri);
    }

    /** Quarkus REST ships plain-JSON mappers for these two; ours win for the same types. */
    @ServerExceptionMapper({com.fasterxml.jackson.core.JsonParseException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class})
    public Response jsonShape(JsonProcessingException e, UriInfo uri) {
        return json(e, uri);
    }

    /** Jackson's own messages name Java classes ({@code Dtos$RunRequest}); the caller gets field and position. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return render(400, ApiCodes.MALFORMED_BODY, JsonProblems.describe(e), uri);
    }

    /**
     * What the HTTP layer raises itself (no route, wrong method, media types, unconvertible parameters): each status
     * has its own stable code and a detail written here, never the exception's text.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, uri);
        }
        if ((status == 404 || status == 400) && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers a query or path parameter that does not convert (?limit=abc) with 404: it is a bad request
            return render(400, ApiCodes.BAD_PARAMETER, "a query or path parameter has a value of the wrong type", uri);
        }
        return switch (status) {
            case 400 -> render(400, ApiCodes.MALFORMED_BODY, "request body or parameters are malformed", uri);
            case 401 -> render(401, ApiCodes.UNAUTHENTICATED, "a valid bearer token is required", uri);
            case 403 -> render(403, ApiCodes.FORBIDDEN, "the caller's roles do not allow this operation", uri);
            case 404 -> render(404, ApiCodes.NOT_FOUND, "no such resource", uri);
            case 405 -> render(405, ApiCodes.METHOD_NOT_ALLOWED, "this resource does not support "
                    + "the request's HTTP method", uri);
            case 406 -> render(406, ApiCodes.NOT_ACCEPTABLE, "this resource answers application/json (errors: "
                    + PROBLEM_JSON + "); the Accept header allows neither", uri);
            case 413 -> render(413, ApiCodes.BODY_TOO_LARGE, "request body is larger than the configured limit", uri);
            case 415 -> render(415, ApiCodes.UNSUPPORTED_MEDIA_TYPE, "this resource reads application/json; "
                    + "send the body with Content-Type: application/json", uri);
            default -> status >= 400 && status < 500
                    ? render(status, ApiCodes.REQUEST_REJECTED, "the request was rejected (HTTP " + status + ")", uri)
                    : render(status, ApiCodes.INTERNAL, "the server could not answer (HTTP " + status + "); see the "
                            + "server log", uri);
        };
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("unexpected API failure", e);
        return render(500, ApiCodes.INTERNAL, "internal error; see the server log", uri);
    }

    static Response render(int status, String code, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://warden.dev/problems/" + code);
        body.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getPath());
        body.put("code", code);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
