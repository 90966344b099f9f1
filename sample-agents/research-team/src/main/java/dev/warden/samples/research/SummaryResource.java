package dev.warden.samples.research;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /v1/summaries} with {@code {"text": "..."}} → {@code {"summary": "..."}}, for a bearer-token caller.
 * A refusal by policy is answered by the starter as problem+json with the Warden code (403; 503 if a plane failed).
 */
@Path("/v1/summaries")
@Authenticated
public class SummaryResource {
    private final Summariser summariser;

    SummaryResource(Summariser summariser) {
        this.summariser = summariser;
    }

    public record SummaryRequest(String text) {}

    public record SummaryResponse(String summary) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SummaryResponse summarise(SummaryRequest request) {
        return new SummaryResponse(summariser.summarise(request == null || request.text() == null ? ""
                : request.text()));
    }
}
