package dev.warden.quarkus.test;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@WardenAgent(id = "teller", description = "Answers balance questions and moves money", owner = "payments",
        policies = "teller", systemMessage = "You are a bank teller.")
public class TellerAgent {
    final List<String> transfers = new CopyOnWriteArrayList<>();
    final List<String> deletions = new CopyOnWriteArrayList<>();

    @Tool(name = "get_balance", value = "Current balance")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL)
    public String balance() {
        return "1200.00 EUR";
    }

    @Tool(name = "send_money", value = "Send money to an IBAN")
    @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.CRITICAL)
    public String sendMoney(@P("recipient IBAN") String recipient, @P("amount in EUR") double amount) {
        transfers.add(amount + "->" + recipient);
        return "sent " + amount + " EUR to " + recipient;
    }

    @Tool(name = "delete_account", value = "Close the account")
    @ToolGovernance(effects = Effect.DELETE, risk = Risk.CRITICAL)
    public String deleteAccount() {
        deletions.add("deleted");
        return "account closed";
    }
}
