package dev.warden.quarkus.inventory;

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

/**
 * A teller owned by tom (balance, payout) and a clerk (notes), with an edge teller → clerk: the service both inventory
 * suites run (this module's and warden-quarkus-inventory-postgres-tests', which depends on this jar for it).
 */
public final class CounterAgents {
    private CounterAgents() {}

    @Singleton
    @WardenAgent(id = "teller", description = "Pays out and reports balances", owner = "tom", policies = "counter")
    public static class Teller {
        @Tool(name = "balance", value = "The balance of an account")
        @ToolGovernance(effects = Effect.READ, risk = Risk.LOW)
        public String balance(@P("account") String account) {
            return "balance of " + account + ": 1000";
        }

        @Tool(name = "payout", value = "Pays an amount to an account")
        @ToolGovernance(effects = Effect.WRITE, risk = Risk.HIGH)
        public String payout(@P("to") String to, @P("amount") double amount) {
            return "paid " + amount + " to " + to;
        }
    }

    @Singleton
    @WardenAgent(id = "clerk", description = "Keeps notes", owner = "carol", policies = "counter")
    public static class Clerk {
        @Tool(name = "note", value = "Writes a note")
        @ToolGovernance(effects = Effect.WRITE, risk = Risk.LOW)
        public String note(@P("text") String text) {
            return "noted";
        }
    }

    /** What a delegation extension would declare: the teller may hand work to the clerk (scope notes:write). */
    @Singleton
    public static class CounterEdges implements dev.warden.quarkus.EdgeInventory {
        @Override
        public List<DeclaredEdge> edges() {
            return List.of(new DeclaredEdge("teller", "clerk", DeclaredEdge.LOCAL, java.util.Set.of("notes:write"),
                    java.util.Set.of("bookkeeping")));
        }
    }

    public static class Models {
        @Produces
        @Singleton
        @Identifier("scripted")
        ChatModel scripted() {
            return ScriptedChatModel.rules()
                    .whenUser("^balance (\\w+)$", m -> List.of(call("balance", Map.of("account", m.group(1)))))
                    .whenUser("^pay (\\d+) to (\\w+)$", m -> List.of(call("payout",
                            Map.of("to", m.group(2), "amount", Double.parseDouble(m.group(1))))))
                    .whenUser("^note (.+)$", m -> List.of(call("note", Map.of("text", m.group(1)))))
                    .otherwise("nothing to do")
                    .build();
        }
    }
}
