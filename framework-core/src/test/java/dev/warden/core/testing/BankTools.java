package dev.warden.core.testing;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tools with observable side effects: tests check what really ran. */
public class BankTools {
    public final List<String> transfers = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile String memo = "Rent for March";

    @Tool(name = "get_balance", value = "Current balance of the user's account")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "FINANCIAL")
    public String getBalance() {
        calls.add("get_balance");
        return "1200.00 EUR";
    }

    @Tool(name = "get_transactions", value = "Most recent transactions; subjects are written by the senders")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "FINANCIAL",
            sourceIntegrity = Integrity.UNTRUSTED)
    public String getTransactions(@P("how many") int n) {
        calls.add("get_transactions");
        return "[{\"from\":\"DE89370400440532013000\",\"amount\":20,\"subject\":\"" + memo + "\"}]";
    }

    @Tool(name = "send_money", value = "Send money to an IBAN")
    @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.CRITICAL)
    public String sendMoney(@P("recipient IBAN") String recipient, @P("amount in EUR") double amount) {
        calls.add("send_money");
        transfers.add(recipient + ":" + amount);
        return "sent " + amount + " to " + recipient;
    }

    @Tool(name = "broken", value = "Fails every time")
    @ToolGovernance(effects = Effect.READ)
    public String broken() {
        calls.add("broken");
        throw new IllegalStateException("backend down");
    }
}
