package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Confidentiality;
import dev.warden.core.Declassification;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.spi.DeclassificationPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The requester's declassification of one egress (decision 0039): where a {@code declassify} grant covers what a call
 * sends above its sink's clearance and a human requester can answer, the call waits for the requester's confirmation
 * of exactly its arguments instead of being refused; everything else stays refused.
 */
class DeclassificationTest {
    static final ToolDescriptor PUBLISH = tool("publish", Labels.of(Confidentiality.INTERNAL), Labels.PUBLIC,
            Effect.EXTERNAL_COMMUNICATION);
    static final Labels HR = Labels.of(Confidentiality.RESTRICTED, "PII");
    static final Declassification.Grant PII_GRANT = new Declassification.Grant("summaries-declassified",
            Set.of("PII"), Confidentiality.RESTRICTED, Duration.ofMinutes(30), "the requester checks the summary");
    static final DeclassificationPolicy GRANTS_PII = (req, ctx) -> "publish".equals(req.toolName())
            ? List.of(PII_GRANT) : List.of();

    static GovernanceContext attended(Labels labels) {
        GovernanceContext c = context("run-1").withLabelsJoined(labels);
        return new GovernanceContext(Declassification.attend(c.user()), c.agent(), c.task(), c.chain(), c.labels(),
                c.usage());
    }

    static Decision publish(DeclassificationPolicy policy, GovernanceContext ctx, String text) {
        DataFlowPlane plane = new DataFlowPlane(DataFlowConfig.builder().build(), ModelClearances.defaults(), policy);
        return plane.evaluate(call(PUBLISH, Map.of("text", text), "Publish a summary without personal data"), ctx);
    }

    @Test
    void an_egress_above_clearance_that_policy_lets_the_requester_declassify_waits_for_their_confirmation() {
        Decision d = publish(GRANTS_PII, attended(HR), "Project Atlas is covered by two public reviews");
        assertThat(d).isInstanceOf(Decision.RequireConfirmation.class);
        Decision.RequireConfirmation c = (Decision.RequireConfirmation) d;
        assertThat(c.declassification().from().level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(c.declassification().to().level()).isEqualTo(Confidentiality.INTERNAL);
        assertThat(c.declassification().ruleIds()).containsExactly("summaries-declassified");
        assertThat(c.ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.basis().ruleIds()).contains("summaries-declassified", DataFlowCodes.RULE_EGRESS);
    }

    @Test
    void without_a_grant_the_egress_stays_refused_as_before() {
        Decision d = publish(DeclassificationPolicy.NONE, attended(HR), "a summary");
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) d).code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
    }

    @Test
    void with_nobody_to_confirm_a_granted_declassification_is_refused() {
        GovernanceContext unattended = context("run-2").withLabelsJoined(HR);
        Decision d = publish(GRANTS_PII, unattended, "a summary");
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) d).code()).isEqualTo(Declassification.NOBODY_TO_CONFIRM);
    }

    @Test
    void credentials_and_unknown_labels_are_never_declassified() {
        Decision creds = publish(GRANTS_PII, attended(Labels.of(Confidentiality.RESTRICTED, "PII", "CREDENTIALS")),
                "a summary");
        assertThat(((Decision.Deny) creds).code()).isEqualTo(Declassification.NEVER_DECLASSIFIABLE);
        Decision unknown = publish(GRANTS_PII, attended(Labels.of(Confidentiality.RESTRICTED, Labels.ANY_CATEGORY)),
                "a summary");
        assertThat(((Decision.Deny) unknown).code()).isEqualTo(Declassification.NEVER_DECLASSIFIABLE);
        // a detector finding in the text itself counts too: an API key in the summary is never declassified
        Decision key = publish(GRANTS_PII, attended(HR), "summary; key AKIAIOSFODNN7EXAMPLE");
        assertThat(key).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void a_grant_covers_only_its_categories_and_levels() {
        Decision financial = publish(GRANTS_PII, attended(Labels.of(Confidentiality.RESTRICTED, "PII", "FINANCIAL")),
                "a summary");
        assertThat(((Decision.Deny) financial).code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
        DeclassificationPolicy confidentialOnly = (req, ctx) -> List.of(new Declassification.Grant("conf",
                Set.of("PII"), Confidentiality.CONFIDENTIAL, null, null));
        Decision restricted = publish(confidentialOnly, attended(HR), "a summary");
        assertThat(((Decision.Deny) restricted).code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
    }

    @Test
    void a_policy_that_throws_grants_nothing() {
        DeclassificationPolicy broken = (req, ctx) -> {
            throw new IllegalStateException("boom");
        };
        assertThat(publish(broken, attended(HR), "a summary")).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void a_declassification_is_not_offered_in_a_run_holding_untrusted_content() {
        // a web page was read: the run is untrusted; publishing with provenance-clean arguments passes containment
        GovernanceContext untrusted = attended(HR.withIntegrity(dev.warden.core.Integrity.UNTRUSTED));
        DataFlowPlane lenient = new DataFlowPlane(DataFlowConfig.builder()
                .untrustedAction(DataFlowConfig.UntrustedAction.ALLOW_IF_PROVENANCE_CLEAN).build(),
                ModelClearances.defaults(), GRANTS_PII);
        Decision d = lenient.evaluate(call(PUBLISH, Map.of("url", "https://blog.example.com/atlas",
                "text", "Project Atlas is covered by two public reviews"),
                "Publish a summary without personal data at https://blog.example.com/atlas"), untrusted);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(((Decision.Deny) d).code()).isEqualTo(Declassification.UNTRUSTED_RUN);
        assertThat(d.reason()).contains("untrusted content").contains("cannot see");
        assertThat(d.basis().ruleIds()).contains("summaries-declassified", Declassification.RULE);
        // a tool that is not high-risk (containment never looks at it) is refused the same way
        ToolDescriptor note = tool("post_note", Labels.of(Confidentiality.INTERNAL), Labels.PUBLIC, Effect.WRITE);
        DeclassificationPolicy notes = (req, ctx) -> List.of(PII_GRANT);
        Decision written = new DataFlowPlane(DataFlowConfig.builder().build(), ModelClearances.defaults(), notes)
                .evaluate(call(note, Map.of("text", "a summary"), "Note a summary"), untrusted);
        assertThat(((Decision.Deny) written).code()).isEqualTo(Declassification.UNTRUSTED_RUN);
    }

    @Test
    void the_attended_mark_is_a_principal_attribute_the_runtime_sets_and_removes() {
        Principal alice = Principal.of("alice", "analyst");
        assertThat(Declassification.attended(alice)).isFalse();
        assertThat(Declassification.attended(Declassification.attend(alice))).isTrue();
        assertThat(Declassification.attended(Declassification.unattended(Declassification.attend(alice)))).isFalse();
    }
}
