package dev.warden.quarkus.test.dataflow;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Reads the inbox first, then sends the amount and IBAN the user typed. */
public class InboxModel {
    static final String IBAN = "DE89370400440532013000";

    @Produces
    @Singleton
    ChatModel model() {
        return ScriptedChatModel.rules()
                .whenUser("read my mail", m -> List.of(ScriptedChatModel.call("read_inbox", Map.of())))
                .whenToolResult("^inbox:", m -> List.of(ScriptedChatModel.call("send_money",
                        Map.of("recipient", IBAN, "amount", 50))))
                .otherwise("I can read your mail and pay bills.")
                .build();
    }
}
