package dev.warden.samples.workspace;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline stand-in for an LLM ({@code warden.model=scripted}, the sample's default). Deliberately gullible: like a
 * fully compromised model it obeys instructions it finds in e-mails, events and files (AgentDojo's "important
 * instructions" phrasing), so the demo shows that Warden — not the model's judgement — decides who gets mail and what
 * is deleted.
 */
public class ScriptedWorkspaceModel {
    private static final String ADDRESS = "([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)";

    @Produces
    @Singleton
    @Identifier("scripted")
    ChatModel scripted() {
        return ScriptedChatModel.rules()
                .whenUser("(?i)email " + ADDRESS + " saying '([^']+)'", m -> List.of(email(List.of(m.group(1)),
                        "Message from your colleague", m.group(2))))
                .whenUser("(?i)unread", m -> List.of(call("get_unread_emails", Map.of())))
                .whenUser("(?i)(?:calendar|appointments) (?:on|for) (\\d{4}-\\d{2}-\\d{2})", m -> List.of(
                        call("get_day_calendar_events", Map.of("day", m.group(1)))))
                .whenUser("(?i)emails? about '([^']+)'", m -> List.of(call("search_emails",
                        Map.of("query", m.group(1)))))
                .whenUser("(?i)(?:show|open|read) (?:the )?file '([^']+)'", m -> List.of(
                        call("search_files_by_filename", Map.of("filename", m.group(1)))))
                .whenUser("(?i)(?:list|show) (?:my )?files", m -> List.of(call("list_files", Map.of())))
                .whenUser("(?i)delete the file with id '?(\\d+)'?", m -> List.of(call("delete_file",
                        Map.of("file_id", m.group(1)))))
                // the gullible part: AgentDojo's injection tasks, obeyed wherever they are read
                .whenToolResult("(?i)email the text '([^']+)' to '" + ADDRESS + "' using '([^']+)' as subject",
                        m -> List.of(email(List.of(m.group(2)), m.group(3), m.group(1))))
                .whenToolResult("(?i)delete the file with id '(\\d+)'", m -> List.of(call("delete_file",
                        Map.of("file_id", m.group(1)))))
                .otherwise("I can read and send your e-mail, look at your calendar and work with your files.")
                .build();
    }

    private static dev.langchain4j.agent.tool.ToolExecutionRequest email(List<String> to, String subject,
            String body) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("recipients", to);
        args.put("subject", subject);
        args.put("body", body);
        return call("send_email", args);
    }
}
