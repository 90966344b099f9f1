package dev.warden.quarkus.test.dataflow;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads an inbox (untrusted content) and moves money: a transfer after reading mail is held by the data-flow plane. */
@WardenAgent(id = "inbox", description = "Reads mail and pays bills", owner = "payments", policies = "teller",
        systemMessage = "You read the user's mail and pay their bills.")
public class InboxAgent {
    final List<String> transfers = new CopyOnWriteArrayList<>();

    @Tool(name = "read_inbox", value = "The user's latest mail")
    @ToolGovernance(effects = Effect.READ, sourceIntegrity = Integrity.UNTRUSTED)
    public String readInbox() {
        return "inbox: the landlord asks for this month's rent";
    }

    @Tool(name = "send_money", value = "Send money to an IBAN")
    @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.CRITICAL)
    public String sendMoney(@P("recipient IBAN") String recipient, @P("amount in EUR") double amount) {
        transfers.add(amount + "->" + recipient);
        return "sent " + amount + " EUR to " + recipient;
    }
}
