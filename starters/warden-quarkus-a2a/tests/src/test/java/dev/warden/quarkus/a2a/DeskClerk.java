package dev.warden.quarkus.a2a;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.quarkus.WardenAgent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** A clerk that looks things up and mails (with approval), and an archivist that is not served over A2A. */
public final class DeskClerk {
    private DeskClerk() {}

    @WardenAgent(id = "clerk", description = "Looks up facts and mails memos", policies = "desk")
    public static class Clerk {
        @Tool(name = "lookup", value = "Looks a topic up")
        @ToolGovernance(effects = Effect.READ)
        public String lookup(@P("topic") String topic) {
            return "FACT: " + topic + " is well documented";
        }

        @Tool(name = "send_mail", value = "Mails a memo outside the company")
        @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION)
        public String sendMail(@P("to") String to, @P("body") String body) {
            return "sent to " + to;
        }
    }

    @WardenAgent(id = "archivist", description = "Keeps the archive", policies = "desk")
    public static class Archivist {}

    public static class Models {
        @Produces
        @Singleton
        @Identifier("scripted")
        ChatModel scripted() {
            return ScriptedChatModel.rules()
                    .whenUser("^ask partner (.+)$", m -> List.of(call("delegate", Map.of("agent", "partner",
                            "task", m.group(1)))))
                    .whenUser("^look up (.+)$", m -> List.of(call("lookup", Map.of("topic", m.group(1)))))
                    .whenUser("^mail (\\S+) (.+)$", m -> List.of(call("send_mail", Map.of("to", m.group(1),
                            "body", m.group(2)))))
                    .finalAnswer(rs -> rs.get(0).text())
                    .build();
        }
    }
}
