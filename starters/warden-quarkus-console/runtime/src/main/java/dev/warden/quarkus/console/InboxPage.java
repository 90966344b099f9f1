package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import dev.warden.core.agent.PendingApproval;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.ApprovalResource;
import dev.warden.quarkus.api.ConfirmationResource;
import dev.warden.quarkus.api.Dtos.ApprovalDecision;
import dev.warden.quarkus.api.Dtos.ApprovalView;
import dev.warden.quarkus.api.Dtos.ConfirmationAnswer;
import dev.warden.quarkus.api.Dtos.ConfirmationView;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.spi.SuspendedRunStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The approvals inbox: the approvals the caller may decide and the confirmations of the caller's own calls, each with
 * the user's request, the run's decision trace up to the call, every argument with its value, labels and provenance,
 * the rules that fired and the expiry. Listing, showing and deciding go through the REST API's own
 * {@link ApprovalResource} and {@link ConfirmationResource} beans, so who sees and who may decide what (tenant,
 * approver roles, separation of duties, exactly once, the digest of a confirmation) is the API's rule, not a copy.
 */
@Singleton
@Blocking // pages read the caller's identity, which lazy authentication resolves off the IO thread
@Path("/warden")
public class InboxPage {
    /** A comment longer than this is refused rather than cut. */
    static final int MAX_COMMENT = 2000;

    @Inject
    ConsolePages pages;
    @Inject
    ApprovalResource approvals;
    @Inject
    ConfirmationResource confirmations;
    @Inject
    SuspendedRunStore store;
    @Inject
    ConsoleConfig config;

    @GET
    @Path("approvals")
    @Produces(MediaType.TEXT_HTML)
    public Response inbox() {
        return pages.signedIn(() -> pages.ok("inbox", "Approvals inbox", lists()));
    }

    /** The inbox's lists alone, which the page reloads when its live stream says something changed. */
    @GET
    @Path("approvals/list")
    @Produces(MediaType.TEXT_HTML)
    public Response list() {
        return pages.signedIn(
                () -> Response.ok(pages.html("inbox-list", "Approvals inbox", lists()), ConsolePages.HTML).build());
    }

    private Map<String, Object> lists() {
        Map<String, Object> data = new HashMap<>();
        data.put("approvals", approvals.pending("PENDING"));
        data.put("confirmations", confirmations.pending());
        return data;
    }

    /**
     * Server-sent events: one {@code message} whenever the set of pending approvals and confirmations of the caller's
     * tenant changes (and one at once, which opens the stream). The event carries no content — the page then asks for its list, which
     * the API filters for the caller — so the stream reveals no more than "something changed".
     */
    @GET
    @Path("approvals/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events() {
        Principal caller;
        try {
            caller = pages.caller();
        } catch (ApiProblem e) {
            throw new io.quarkus.security.UnauthorizedException(e.getMessage());
        }
        String tenant = caller.tenant();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.liveInterval())
                .map(tick -> fingerprint(tenant))
                .skip().repetitions()
                .map(f -> "changed");
    }

    private String fingerprint(String tenant) {
        return store.pending(tenant).stream().map(PendingApproval::approvalId).sorted()
                .collect(Collectors.joining(","));
    }

    @GET
    @Path("approvals/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response approval(@PathParam("id") String id) {
        return pages.signedIn(() -> {
            ApprovalView view = approvals.get(id);
            return pages.ok("approval", "Approval " + view.tool(), Map.of("a", view));
        });
    }

    @POST
    @Path("approvals/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decide(@PathParam("id") String id, @FormParam("_csrf") List<String> csrf,
            @FormParam("decision") List<String> decision, @FormParam("comment") List<String> comment) {
        return pages.signedInForm(csrf, () -> {
            boolean approve = yes(FormFields.one(decision, "decision"), "approve", "deny");
            Object result = approvals.decide(id, new ApprovalDecision(approve,
                    comment(FormFields.one(comment, "comment"))));
            return decided(approve ? "Approved" : "Denied", result);
        });
    }

    @GET
    @Path("confirmations/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmation(@PathParam("id") String id) {
        return pages.signedIn(() -> {
            ConfirmationView view = confirmations.get(id);
            return pages.ok("confirmation", "Confirm " + view.tool(), Map.of("c", view));
        });
    }

    @POST
    @Path("confirmations/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response answer(@PathParam("id") String id, @FormParam("_csrf") List<String> csrf,
            @FormParam("decision") List<String> decision, @FormParam("argumentsDigest") List<String> digest) {
        return pages.signedInForm(csrf, () -> {
            boolean confirm = yes(FormFields.one(decision, "decision"), "confirm", "decline");
            Object result = confirmations.answer(id, new ConfirmationAnswer(confirm,
                    FormFields.one(digest, "argumentsDigest"), null));
            return decided(confirm ? "Confirmed" : "Declined", result);
        });
    }

    private Response decided(String what, Object result) {
        Map<String, Object> data = new HashMap<>();
        data.put("what", what);
        data.put("run", result instanceof RunView r ? r : null);
        data.put("decisions", result instanceof RunView r ? r.decisions() : List.of());
        return pages.ok("decided", what, data);
    }

    /** Whether the form's {@code decision} is {@code yes} rather than {@code no}; anything else is refused. */
    private static boolean yes(String decision, String yes, String no) {
        if (!yes.equals(decision) && !no.equals(decision)) {
            throw new ApiProblem(400, ConsoleCodes.BAD_FORM, "decision must be " + yes + " or " + no);
        }
        return yes.equals(decision);
    }

    private static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > MAX_COMMENT) {
            throw new ApiProblem(400, ConsoleCodes.BAD_FORM, "a comment has at most " + MAX_COMMENT
                    + " characters");
        }
        return comment.strip();
    }
}
