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

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return render(400, ApiCodes.MALFORMED_BODY, "request body is not valid JSON: " + e.getOriginalMessage(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, uri);
        }
        String code = switch (status) {
            case 400 -> ApiCodes.MALFORMED_BODY;
            case 401 -> ApiCodes.UNAUTHENTICATED;
            case 403 -> ApiCodes.FORBIDDEN;
            case 404 -> ApiCodes.NOT_FOUND;
            default -> ApiCodes.INTERNAL;
        };
        String detail = status == 400 ? "request body or parameters are malformed" : e.getMessage();
        return render(status, code, detail, uri);
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
