package dev.warden.quarkus.delegation;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Effect;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** A small desk of agents for the wiring tests: planner → helper and reviewer → outsider by trust edges; planner → outsider is not trusted. */
public final class DeskAgents {
    private DeskAgents() {}

    @WardenAgent(id = "planner", description = "Plans and hands work to colleagues", policies = "desk")
    public static class Planner {}

    @WardenAgent(id = "helper", description = "Looks things up", policies = "desk")
    public static class Helper {
        @Tool(name = "lookup", value = "Looks a topic up")
        @ToolGovernance(effects = Effect.READ)
        @CountedCalls // the bean is then a generated subclass: its card must still list lookup
        public String lookup(@P("topic") String topic) {
            return "FACT: " + topic + " is well documented";
        }
    }

    @WardenAgent(id = "outsider", description = "Not part of the desk", policies = "desk")
    public static class Outsider {}

    /** Delegates to outsider, which puts outsider among the service's delegate targets. */
    @WardenAgent(id = "reviewer", description = "Reviews with outside help", policies = "desk")
    public static class Reviewer {}

    public static class Models {
        @Produces
        @Singleton
        @Identifier("scripted")
        ChatModel scripted() {
            return ScriptedChatModel.rules()
                    .whenUser("^ask (\\w+) about (.+)$", m -> List.of(call("delegate",
                            Map.of("agent", m.group(1), "task", "look up " + m.group(2)))))
                    .whenUser("^look up (.+)$", m -> List.of(call("lookup", Map.of("topic", m.group(1)))))
                    .otherwise("nothing to do")
                    .build();
        }
    }
}
