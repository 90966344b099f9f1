package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.SecretArguments;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.testing.TestPlanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit redaction by label: values carrying a listed label enter the trail as salted digests; the chain verifies. */
class AuditRedactionTest {
    static final String NOTE = "Jane Roe is on medical leave until March";
    static final Labels HR = Labels.of(Confidentiality.RESTRICTED, "PII");
    final GovernanceContext clean = GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("writer"));

    Governor governor(JsonlAuditSink sink, AuditRedaction redaction) {
        return Governor.builder().plane(TestPlanes.denyTool("guard", "publish")).auditSink(sink)
                .captureArguments(true).auditRedaction(redaction).build();
    }

    static CheckpointRequest publish(String text) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("publish"), "c1", Map.of("text", text));
    }

    @Test
    void a_restricted_note_in_a_denied_call_never_appears_in_clear_in_the_jsonl_trail(@TempDir Path dir)
            throws Exception {
        JsonlAuditSink sink = new JsonlAuditSink(dir.resolve("decisions.jsonl"), false);
        Governor g = governor(sink, AuditRedaction.of(List.of("RESTRICTED", "SECRET")));

        g.check(publish("Update: " + NOTE), clean.withLabelsJoined(HR));
        g.check(publish("Offsite on Thursday"), clean);

        String trail = Files.readString(sink.file());
        assertThat(trail).doesNotContain("medical leave").contains("Offsite on Thursday");
        DecisionRecord denied = sink.query(AuditFilter.all()).get(0);
        assertThat(denied.outcome()).isEqualTo("DENY");
        assertThat((String) denied.args().get("text")).startsWith("pbkdf2-sha256$");
        assertThat(SecretArguments.matches("Update: " + NOTE, (String) denied.args().get("text"))).isTrue();
        assertThat(sink.verify().valid()).isTrue();
    }

    @Test
    void without_the_label_listed_the_value_is_captured_as_before(@TempDir Path dir) throws Exception {
        JsonlAuditSink sink = new JsonlAuditSink(dir.resolve("decisions.jsonl"), false);
        governor(sink, AuditRedaction.NONE).check(publish("Update: " + NOTE), clean.withLabelsJoined(HR));

        assertThat(Files.readString(sink.file())).contains("medical leave");
    }

    @Test
    void a_level_covers_the_levels_above_it_and_categories_match_at_any_level() {
        AuditRedaction r = AuditRedaction.of(List.of("confidential", "phi", "SECRET"));

        assertThat(r.covers(HR)).isTrue();
        assertThat(r.covers(Labels.of(Confidentiality.CONFIDENTIAL))).isTrue();
        assertThat(r.covers(Labels.of(Confidentiality.INTERNAL, "PHI"))).isTrue();
        assertThat(r.covers(Labels.of(Confidentiality.INTERNAL, "PII"))).isFalse();
        assertThat(AuditRedaction.of(List.of("SECRET")).covers(HR)).isFalse(); // secrets are digested regardless
    }
}
