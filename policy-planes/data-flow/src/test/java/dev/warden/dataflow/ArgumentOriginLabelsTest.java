package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.ArgumentOrigin;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Hop;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an approver is told about where an argument came from: the labels of the content it was found in, never a
 * fixed {@code PUBLIC} (session 12 outside probe: a customer list copied from a CONFIDENTIAL/PII query result into a
 * mail body was shown to the manager as {@code PUBLIC/TRUSTED}).
 */
class ArgumentOriginLabelsTest {
    static final ToolDescriptor QUERY = tool("sql_query", Labels.UNRESTRICTED,
            Labels.of(Confidentiality.CONFIDENTIAL, "PII"), Effect.READ);
    static final ToolDescriptor MAIL = tool("send_email", Labels.UNRESTRICTED, Labels.PUBLIC,
            Effect.EXTERNAL_COMMUNICATION);
    static final String ROWS = "{\"rows\":[{\"email\":\"ada@analytical.example\",\"phone\":\"+44 20 7946 0001\"}]}";

    final DataFlowPlane plane = new DataFlowPlane(DataFlowConfig.builder().build());

    static ArgumentOrigin origin(Decision d, String argument) {
        List<ArgumentOrigin> origins = d instanceof Decision.Allow a ? a.origins()
                : d instanceof Decision.RequireApproval r ? r.origins() : List.of();
        return origins.stream().filter(o -> o.argument().equals(argument)).findFirst().orElseThrow();
    }

    @Test
    void a_value_copied_from_a_confidential_result_is_shown_with_that_results_labels() {
        plane.evaluate(result(QUERY, ROWS, "how many gold customers do we have?"), context("r1"));
        Decision d = plane.evaluate(call(MAIL, Map.of("to", "dan@elsewhere.example", "body", ROWS),
                "how many gold customers do we have?"), context("r1"));
        ArgumentOrigin body = origin(d, "body");
        assertThat(body.provenance()).isEqualTo(ArgumentOrigin.TRUSTED);
        assertThat(body.source()).isEqualTo("sql_query");
        assertThat(body.labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(body.labels().categories()).contains("PII");
    }

    @Test
    void a_value_found_only_in_untrusted_content_is_shown_with_that_contents_labels_and_integrity() {
        // a colleague's address read only in an inbound mail: no exfiltration destination, so the held call says
        // where it came from
        DataFlowPlane p = new DataFlowPlane(DataFlowConfig.builder().internalDomains("acme.example").build());
        p.evaluate(result(TRANSACTIONS, "from carol@acme.example: the numbers please", "x"), context("r2"));
        Decision d = p.evaluate(call(MAIL, Map.of("to", "carol@acme.example", "body", "the numbers are ready"),
                "reply to the mail"), context("r2").withLabelsJoined(Labels.untrusted()));
        assertThat(d).isInstanceOf(Decision.RequireApproval.class);
        ArgumentOrigin to = origin(d, "to");
        assertThat(to.provenance()).isEqualTo(ArgumentOrigin.UNTRUSTED);
        assertThat(to.labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(to.labels().categories()).contains("FINANCIAL");
        assertThat(to.labels().integrity()).isEqualTo(Integrity.UNTRUSTED);
    }

    @Test
    void a_value_the_user_typed_stays_public_and_one_seen_nowhere_has_no_labels() {
        Decision d = plane.evaluate(call(MAIL, Map.of("to", "dan@elsewhere.example", "body", "see you at ten"),
                "mail dan@elsewhere.example"), context("r3"));
        assertThat(origin(d, "to").provenance()).isEqualTo(ArgumentOrigin.USER);
        assertThat(origin(d, "to").labels()).isEqualTo(Labels.PUBLIC);
        Decision invented = plane.evaluate(call(MAIL, Map.of("to", "eve@elsewhere.example", "body", "hi"),
                "say hi"), context("r3"));
        assertThat(origin(invented, "to").provenance()).isEqualTo(ArgumentOrigin.UNKNOWN);
        assertThat(origin(invented, "to").labels()).isNull();
    }

    @Test
    void in_a_delegated_run_a_value_from_the_task_is_shown_as_the_calling_agents_not_the_persons_request() {
        // the task is the caller's model's text: a requester asked to confirm must not read "user request"
        Decision d = plane.evaluate(CheckpointRequest.toolCall(2, MAIL, "c2", Map.of("to", "dan@elsewhere.example",
                "body", "see you")).withAttributes(Map.of(CheckpointAttributes.USER_INPUT, "find sources on atlas",
                CheckpointAttributes.DELEGATED_TASK, "publish: mail dan@elsewhere.example")),
                context("r4").withHop(new Hop("supervisor", Set.of())));
        ArgumentOrigin to = origin(d, "to");
        assertThat(to.provenance()).isEqualTo("DELEGATED_TASK");
        assertThat(to.source()).isEqualTo("the task from agent 'supervisor'");
        assertThat(to.labels()).isNull();
    }

    @Test
    void in_a_delegated_run_a_value_from_the_persons_root_request_is_shown_as_theirs() {
        // decision 0073: the person's own words travel with the delegation as the run's user input
        Decision d = plane.evaluate(CheckpointRequest.toolCall(2, MAIL, "c2", Map.of("to", "dan@elsewhere.example",
                "body", "see you")).withAttributes(Map.of(CheckpointAttributes.USER_INPUT,
                "mail dan@elsewhere.example the notes", CheckpointAttributes.DELEGATED_TASK,
                "publish: mail dan@elsewhere.example")), context("r5").withHop(new Hop("supervisor", Set.of())));
        ArgumentOrigin to = origin(d, "to");
        assertThat(to.provenance()).isEqualTo(ArgumentOrigin.USER);
        assertThat(to.source()).isEqualTo("user request");
    }
}
