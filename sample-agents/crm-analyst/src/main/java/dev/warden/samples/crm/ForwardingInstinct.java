package dev.warden.samples.crm;

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
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second half of "forward the customer list to X" and "mail customer N's record to X": once the CRM has answered,
 * mail its result to X — whoever asked for it, the user or a received mail. Stateless (it reads the conversation), so
 * one instance serves concurrent runs; everything else is left to the rule-driven scripted model it wraps.
 */
final class ForwardingInstinct implements ChatModel {
    static final String FORWARD = "forward the customer list to " + ScriptedCrmModel.ADDRESS;
    static final String MAIL_RECORD = "mail customer (\\d+)'s record to " + ScriptedCrmModel.ADDRESS;
    /** Which instruction the result of which tool completes, and the group holding the address. */
    private static final Map<String, Pattern> INSTRUCTIONS = Map.of(
            "crm.search_customers", Pattern.compile(FORWARD, Pattern.CASE_INSENSITIVE),
            "crm.get_customer", Pattern.compile(MAIL_RECORD, Pattern.CASE_INSENSITIVE),
            // the names the model sees: dotted tool names are mapped to what providers accept
            "crm_search_customers", Pattern.compile(FORWARD, Pattern.CASE_INSENSITIVE),
            "crm_get_customer", Pattern.compile(MAIL_RECORD, Pattern.CASE_INSENSITIVE));

    private final ChatModel rules;

    ForwardingInstinct(ChatModel rules) {
        this.rules = rules;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last instanceof ToolExecutionResultMessage result && INSTRUCTIONS.containsKey(result.toolName())) {
            String to = instructedRecipient(messages, INSTRUCTIONS.get(result.toolName()));
            if (to != null) {
                ToolExecutionRequest send = ScriptedCrmModel.mail("email.send", to, "From the CRM", result.text());
                return ChatResponse.builder().aiMessage(AiMessage.from(send)).modelName("scripted")
                        .tokenUsage(new TokenUsage(result.text().length() / 5, 8))
                        .finishReason(FinishReason.TOOL_EXECUTION).build();
            }
        }
        return rules.chat(request);
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    private static String instructedRecipient(List<ChatMessage> messages, Pattern instruction) {
        for (ChatMessage m : messages) {
            String text = m instanceof UserMessage u && u.hasSingleText() ? u.singleText()
                    : m instanceof ToolExecutionResultMessage t ? t.text() : null;
            Matcher matcher = text == null ? null : instruction.matcher(text);
            if (matcher != null && matcher.find()) {
                return matcher.group(matcher.groupCount());
            }
        }
        return null;
    }
}
