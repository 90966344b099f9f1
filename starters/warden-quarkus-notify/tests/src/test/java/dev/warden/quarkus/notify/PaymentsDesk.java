package dev.warden.quarkus.notify;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.quarkus.WardenAgent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A payments agent whose transfers above 500 EUR wait for a manager. */
@WardenAgent(id = "payments", description = "Moves money", policies = "desk")
public class PaymentsDesk {
    final List<String> transfers = new CopyOnWriteArrayList<>();

    @Tool(name = "send_money", value = "Send money to an IBAN")
    @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.HIGH)
    public String sendMoney(@P("recipient IBAN") String recipient, @P("amount in EUR") double amount) {
        transfers.add(recipient + ":" + amount);
        return "sent " + amount + " EUR to " + recipient;
    }

    public static class Models {
        @Produces
        @Singleton
        @Identifier("scripted")
        ChatModel scripted() {
            return ScriptedChatModel.rules()
                    .whenUser("^send (\\d+) to (\\S+)$", m -> List.of(call("send_money",
                            Map.of("recipient", m.group(2), "amount", Double.parseDouble(m.group(1))))))
                    .otherwise("nothing to do")
                    .build();
        }
    }
}
