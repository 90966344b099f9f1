package dev.warden.quarkus.anthropic;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A one-tool agent whose transfers the wiring test can observe. */
@WardenAgent(id = "teller", description = "Moves money", policies = "teller",
        systemMessage = "You are a careful teller.")
public class TellerAgent {
    final List<String> transfers = new CopyOnWriteArrayList<>();

    @Tool(name = "send_money", value = "Send money to an IBAN")
    @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.CRITICAL)
    public String sendMoney(@P("recipient IBAN") String recipient, @P("amount in EUR") double amount) {
        transfers.add(recipient + ":" + amount);
        return "sent " + amount + " EUR to " + recipient;
    }
}
