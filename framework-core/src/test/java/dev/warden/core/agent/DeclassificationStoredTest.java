package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.Declassification;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pending declassification, relayed from a callee, survives the durable store unchanged (decision 0039): what the
 * requester is shown and what the digest binds after a restart is what was asked.
 */
class DeclassificationStoredTest {
    @TempDir
    Path dir;

    @Test
    void a_relayed_declassification_is_read_back_exactly_as_it_was_saved() {
        Map<String, Object> args = Map.of("text", "Research summary: two public reviews");
        PendingApproval pa = new PendingApproval("c-1", "run-1", "supervisor", "default", "alice", "publish",
                "call-1", args, "declassification: ...", Set.of(), List.of("requester-may-declassify-a-blog-post"),
                "RESTRICTED[PII]", Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2026-12-05T00:30:00Z"),
                PendingApproval.Kind.CONFIRMATION, null, null, null,
                new Declassification(Labels.of(Confidentiality.RESTRICTED, "PII"),
                        Labels.of(Confidentiality.INTERNAL, Labels.ANY_CATEGORY), "publish",
                        List.of("requester-may-declassify-a-blog-post")),
                new PendingApproval.Relay("writer", "c-0", "delegate", Map.of("agent", "writer", "task", "Write")));
        GovernanceContext ctx = GovernanceContext.of(Declassification.attend(Principal.of("alice", "analyst")),
                AgentIdentity.of("supervisor"));
        FileSuspendedRunStore store = new FileSuspendedRunStore(dir);
        store.save(new SuspendedRun(pa, List.of(UserMessage.from("Research atlas")), ToolExecutionRequest.builder()
                .id("call-1").name("delegate").arguments("{}").build(), List.of(), ctx, 2, 1, "Research atlas",
                List.of(), null, null));

        SuspendedRun back = new FileSuspendedRunStore(dir).find("c-1").orElseThrow();

        assertThat(back.approval()).isEqualTo(pa);
        assertThat(back.approval().argumentsDigest()).isEqualTo(PendingApproval.digestOf(args));
        assertThat(Declassification.attended(back.context().user())).isTrue();
    }
}
