package dev.warden.samples.research;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline stand-in for an LLM ({@code warden.model=scripted}), shared by the whole team like a real provider
 * would be. Each agent recognises its own kind of input:
 * <ul>
 *   <li>supervisor: {@code Research <topic> and publish a summary} → delegate to the researcher; research notes
 *       coming back → delegate "write a summary and publish it" to the writer; {@code Ask <agent> to <task>} →
 *       delegate that task to that agent;</li>
 *   <li>researcher: {@code Find sources about <topic>} → {@code search_sources}; answers with research notes (what
 *       the sources say, personal data included);</li>
 *   <li>writer: {@code Write a summary and publish it: <notes>} → {@code publish}.</li>
 * </ul>
 */
public class ScriptedTeamModel {
    static final Pattern SUMMARY = Pattern.compile("\"summary\":\"([^\"]*)\"");
    static final Pattern PERSONAL = Pattern.compile("\"personal_data\":\"([^\"]*)\"");
    /** Appended to the researcher's task when the user wants a summary without personal data; echoed in its notes. */
    static final String PUBLIC_SUMMARY = " for a public summary";

    /** The same model, streaming in chunks of four characters (decision 0035): the team's runs stream offline. */
    @Produces
    @Singleton
    @Identifier("scripted")
    dev.langchain4j.model.chat.StreamingChatModel scriptedStreaming(@Identifier("scripted") ChatModel scripted) {
        return dev.warden.model.scripted.ScriptedStreamingChatModel.of(scripted).chunkChars(4).build();
    }

    @Produces
    @Singleton
    @Identifier("scripted")
    ChatModel scripted() {
        return ScriptedChatModel.rules()
                .whenUser("(?i)^research (.+?) and publish a summary without personal data", m -> List.of(call(
                        "delegate", Map.of("agent", "researcher", "task", "Find sources about " + m.group(1)
                                + PUBLIC_SUMMARY))))
                .whenUser("(?i)^research (.+?) and publish a summary", m -> List.of(call("delegate",
                        Map.of("agent", "researcher", "task", "Find sources about " + m.group(1)))))
                .whenUser("(?i)^ask ([\\w-]+) to (.+)$", m -> List.of(call("delegate",
                        Map.of("agent", m.group(1), "task", m.group(2)))))
                .whenUser("^Find sources about (.+)$", m -> List.of(call("search_sources",
                        Map.of("topic", m.group(1)))))
                .whenUser("(?s)^Write a summary and publish it: (.+)$", m -> List.of(call("publish",
                        Map.of("text", "Research summary: " + m.group(1)))))
                .whenUser("(?i)^check (.+)$", m -> List.of(call("check_claim", Map.of("claim", m.group(1)))))
                // asked for a summary without personal data, the supervisor leaves the HR notes out of the hand-over
                .whenToolResult("(?s)^Research notes" + PUBLIC_SUMMARY + ": (.+)$", m -> List.of(call("delegate",
                        Map.of("agent", "writer", "task", "Write a summary and publish it: "
                                + m.group(1).replaceAll(";? ?HR: [^;]*", "")))))
                .whenToolResult("(?s)^Research notes: (.+)$", m -> List.of(call("delegate",
                        Map.of("agent", "writer", "task", "Write a summary and publish it: " + m.group(1)))))
                .finalAnswer(ScriptedTeamModel::answer)
                .otherwise("Ask me to 'Research <topic> and publish a summary'.")
                .build();
    }

    /** The researcher turns search results into notes; everyone else reports what their last tool said. */
    static String answer(List<ToolExecutionResultMessage> results) {
        List<String> texts = results.stream().map(ToolExecutionResultMessage::text).toList();
        String all = String.join("\n", texts);
        if (all.startsWith("{\"topic\"")) {
            List<String> notes = new ArrayList<>();
            Matcher m = SUMMARY.matcher(all);
            while (m.find()) {
                notes.add(m.group(1));
            }
            // like a real model, it repeats what it read, personal data included: labels, not the model's
            // discretion, keep it from the blog and out of the audit trail
            Matcher p = PERSONAL.matcher(all);
            while (p.find()) {
                notes.add("HR: " + p.group(1));
            }
            return "Research notes" + (all.contains(PUBLIC_SUMMARY + "\"") ? PUBLIC_SUMMARY : "") + ": "
                    + String.join("; ", notes);
        }
        return all;
    }
}
