package dev.warden.quarkus.test;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

public class TellerModel {
    @Produces
    @Singleton
    ChatModel model() {
        return ScriptedChatModel.rules()
                .whenUser("balance", m -> List.of(ScriptedChatModel.call("get_balance", Map.of())))
                .whenUser("send (\\d+) EUR to ([A-Z]{2}\\d{2}[A-Z0-9]+)", m -> List.of(ScriptedChatModel.call(
                        "send_money", Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
                .whenUser("close my account", m -> List.of(ScriptedChatModel.call("delete_account", Map.of())))
                .otherwise("I can help with balances and transfers.")
                .build();
    }
}
