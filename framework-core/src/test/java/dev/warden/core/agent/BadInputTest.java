package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever the model sends, a bad call is a recorded Deny, never an exception and never an executed tool. */
class BadInputTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown tool            | delete_everything | {}                                         | WARDEN-CORE-0004",
        "not JSON                | send_money        | {recipient: DE89                           | WARDEN-CORE-0005",
        "JSON array              | send_money        | [1,2]                                      | WARDEN-CORE-0005",
        "trailing garbage        | send_money        | {\"recipient\":\"x\",\"amount\":1} rm -rf  | WARDEN-CORE-0005",
        "duplicate keys          | send_money        | {\"recipient\":\"a\",\"recipient\":\"b\",\"amount\":1} | WARDEN-CORE-0005",
        "missing argument        | send_money        | {\"recipient\":\"x\"}                      | WARDEN-CORE-0006",
        "wrong type              | send_money        | {\"recipient\":\"x\",\"amount\":\"lots\"}  | WARDEN-CORE-0006",
        "unknown argument        | send_money        | {\"recipient\":\"x\",\"amount\":1,\"cc\":\"y\"} | WARDEN-CORE-0006",
        "fractional integer      | get_transactions  | {\"n\":2.5}                                | WARDEN-CORE-0006",
        "quoted fraction integer | get_transactions  | {\"n\":\"2.5\"}                            | WARDEN-CORE-0006",
        "quoted, blank around    | get_transactions  | {\"n\":\" 5\"}                             | WARDEN-CORE-0006",
        "quoted, leading zero    | get_transactions  | {\"n\":\"05\"}                             | WARDEN-CORE-0006",
        "quoted, plus sign       | get_transactions  | {\"n\":\"+5\"}                             | WARDEN-CORE-0006",
        "quoted, exponent        | send_money        | {\"recipient\":\"x\",\"amount\":\"1e3\"}   | WARDEN-CORE-0006",
        "quoted, hexadecimal     | get_transactions  | {\"n\":\"0x10\"}                           | WARDEN-CORE-0006",
        "quoted, full-width      | get_transactions  | {\"n\":\"\uFF15\"}                         | WARDEN-CORE-0006",
        "quoted, too many digits | get_transactions  | {\"n\":\"1234567890123456789\"}            | WARDEN-CORE-0006",
    })
    void bad_tool_calls_are_denied_and_recorded(String name, String tool, String args, String code) {
        BankTools bank = new BankTools();
        InMemoryAuditSink audit = new InMemoryAuditSink();
        ScriptedChatModel model = ScriptedChatModel.script().callTools(ScriptedChatModel.rawCall(tool, args))
                .turn(req -> dev.langchain4j.data.message.AiMessage.from(
                        ((ToolExecutionResultMessage) req.messages().get(req.messages().size() - 1)).text()))
                .build();
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("a")).model(model).tools(bank)
                .governor(Governor.builder().auditSink(audit).build()).build();
        RunResult r = agent.runBlocking("do it", Principal.of("alice"));
        assertThat(bank.calls).isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.output()).contains("refused by policy").contains(code);
        DecisionRecord rec = audit.records().stream().filter(x -> x.checkpoint().equals("TOOL_CALL")).findFirst()
                .orElseThrow();
        assertThat(rec.outcome()).isEqualTo("DENY");
        assertThat(rec.code()).isEqualTo(code);
        assertThat(rec.tool()).isEqualTo(tool);
        assertThat(WardenCodes.class.getFields()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quoted integer          | get_transactions  | {\"n\":\"5\"}                              | ",
        "quoted decimal amount   | send_money        | {\"recipient\":\"x\",\"amount\":\"12.50\"} | x:12.5",
        "quoted whole amount     | send_money        | {\"recipient\":\"x\",\"amount\":\"-3\"}    | x:-3.0",
    })
    void a_number_the_model_quoted_is_read_as_the_number_the_schema_declares(String name, String tool, String args,
            String transfer) {
        BankTools bank = new BankTools();
        InMemoryAuditSink audit = new InMemoryAuditSink();
        ScriptedChatModel model = ScriptedChatModel.script().callTools(ScriptedChatModel.rawCall(tool, args))
                .turn(req -> dev.langchain4j.data.message.AiMessage.from("done")).build();
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("a")).model(model).tools(bank)
                .governor(Governor.builder().auditSink(audit).build()).build();
        RunResult r = agent.runBlocking("do it", Principal.of("alice"));
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.calls).containsExactly(tool);
        assertThat(bank.transfers).containsExactlyElementsOf(transfer == null ? java.util.List.of()
                : java.util.List.of(transfer));
        DecisionRecord rec = audit.records().stream().filter(x -> x.checkpoint().equals("TOOL_CALL")).findFirst()
                .orElseThrow();
        assertThat(rec.outcome()).isEqualTo("ALLOW");
    }
}
