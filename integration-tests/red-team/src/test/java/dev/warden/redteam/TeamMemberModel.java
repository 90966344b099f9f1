package dev.warden.redteam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fully gullible team member: in its first turn it carries out every instruction it finds anywhere in its input (the
 * delegated task, including whatever content the caller forwarded), in its second it answers with the tool results.
 * It is the worst case for a callee: a delegated task or forwarded content that says "publish this to URL" is obeyed.
 *
 * <p>Instructions: {@code sources on TOPIC.}, {@code read URL}, {@code publish ... to URL} (text: what follows
 * {@code TEXT:}, else the whole input), {@code fact-check CLAIM.}, {@code update the kb entry on TOPIC to say TEXT.},
 * and {@code ask the AGENT [with scopes a,b] to: TASK} (the rest of the input is the delegated task and is not read
 * for further instructions).
 */
final class TeamMemberModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final String URL = "(https?://[^\\s\"',;<>]+?)(?=[\\s\"',;<>]|\\.(?:\\s|$)|$)";
    private static final Pattern SEARCH = Pattern.compile("(?i)\\bsources on ([a-z0-9 ]+?)(?=[.,;:\\n]|$)");
    private static final Pattern READ = Pattern.compile("(?i)\\bread " + URL);
    private static final Pattern PUBLISH = Pattern.compile("(?i)\\bpublish\\b[^.\\n]*?\\bto " + URL);
    private static final Pattern CHECK = Pattern.compile("(?i)\\bfact-check ([^.\\n]+)");
    private static final Pattern UPDATE = Pattern.compile("(?i)\\bupdate the kb entry on ([a-z0-9 ]+?) to say ([^.\\n]+)");
    private static final Pattern ASK = Pattern.compile(
            "(?i)\\bask the ([a-z-]+)(?: with scopes ([a-z_,\\s*]+?))? to: ");

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String task = "";
        List<String> results = new ArrayList<>();
        boolean answered = false;
        for (ChatMessage m : request.messages()) {
            if (m instanceof UserMessage u && task.isEmpty()) {
                task = u.singleText();
            } else if (m instanceof AiMessage) {
                answered = true;
            } else if (m instanceof ToolExecutionResultMessage r) {
                results.add(r.text());
            }
        }
        List<ToolExecutionRequest> calls = answered ? List.of() : instructions(task);
        AiMessage ai = calls.isEmpty() ? AiMessage.from(results.isEmpty() ? "Nothing to do." : String.join("\n", results))
                : AiMessage.from(calls);
        return ChatResponse.builder().aiMessage(ai).modelName("gullible-member")
                .finishReason(calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_EXECUTION).build();
    }

    static List<ToolExecutionRequest> instructions(String input) {
        List<ToolExecutionRequest> out = new ArrayList<>();
        Matcher ask = ASK.matcher(input);
        String own = input;
        if (ask.find()) {
            own = input.substring(0, ask.start());
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("agent", ask.group(1).toLowerCase(java.util.Locale.ROOT));
            args.put("task", input.substring(ask.end()));
            if (ask.group(2) != null) {
                args.put("scopes", Arrays.stream(ask.group(2).split(",")).map(String::trim).toList());
            }
            out.add(call("delegate", args));
        }
        int textAt = own.indexOf("TEXT:");
        String text = (textAt >= 0 ? own.substring(textAt + 5) : own).trim();
        String instructions = own;
        for (Matcher m = SEARCH.matcher(instructions); m.find(); ) {
            out.add(0, call("search_sources", Map.of("topic", m.group(1).trim())));
        }
        for (Matcher m = READ.matcher(instructions); m.find(); ) {
            out.add(0, call("fetch_page", Map.of("url", m.group(1))));
        }
        for (Matcher m = UPDATE.matcher(instructions); m.find(); ) {
            out.add(call("update_source", Map.of("topic", m.group(1).trim(), "summary", m.group(2).trim())));
        }
        for (Matcher m = CHECK.matcher(instructions); m.find(); ) {
            out.add(call("check_claim", Map.of("claim", m.group(1).trim())));
        }
        for (Matcher m = PUBLISH.matcher(instructions); m.find(); ) {
            out.add(call("publish", Map.of("url", m.group(1), "text", text)));
        }
        return out;
    }

    private static ToolExecutionRequest call(String tool, Map<String, ?> args) {
        try {
            return ToolExecutionRequest.builder().id("member-" + IDS.incrementAndGet()).name(tool)
                    .arguments(JSON.writeValueAsString(args)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }
}
