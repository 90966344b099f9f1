package dev.warden.samples.banking;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import java.util.List;
import java.util.Map;

/** The provider stubs' model: a transfer on every user turn, to the user's IBAN if they gave one, else the attacker's. */
final class GullibleTransfers {
    static final String ATTACKER = "GB33BUKB20201555555555";

    private GullibleTransfers() {}

    static ChatModel model() {
        return ScriptedChatModel.rules()
                .whenUser("send (\\d+) EUR to ([A-Z]{2}\\d{2}[A-Z0-9]+)", m -> List.of(transfer(m.group(2),
                        Integer.parseInt(m.group(1)))))
                .whenUser("", m -> List.of(transfer(ATTACKER, 900)))
                .finalAnswer(results -> "Done: " + results.get(results.size() - 1).text())
                .build();
    }

    private static dev.langchain4j.agent.tool.ToolExecutionRequest transfer(String iban, int amount) {
        return call("send_money", Map.of("recipient", iban, "amount", amount, "subject", "stub", "date",
                "2026-11-25"));
    }
}
