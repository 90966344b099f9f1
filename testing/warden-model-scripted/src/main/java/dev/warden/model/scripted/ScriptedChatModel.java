package dev.warden.model.scripted;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic, real {@link ChatModel} for tests and the offline demo. It stands in for a hosted LLM only because
 * none is reachable offline; it speaks LangChain4j's {@code ChatRequest}/{@code ChatResponse} like any provider.
 *
 * <p>Two modes:
 * <ul>
 *   <li><b>script</b> — a fixed sequence of turns, one per model call ({@link #script()}); when it runs out, the
 *       last turn repeats (so "a model that loops forever" is a one-turn script);</li>
 *   <li><b>rules</b> — stateless, so one instance serves concurrent runs ({@link #rules()}): on a user message, the
 *       first matching {@code whenUser} rule decides the tool calls; after tool results, the first matching
 *       {@code whenToolResult} rule may ask for more calls (this is how a model that <em>obeys injected
 *       instructions</em> is scripted); otherwise the model answers with a summary of the results.</li>
 * </ul>
 *
 * <pre>{@code
 * ChatModel model = ScriptedChatModel.rules()
 *         .whenUser("balance", m -> List.of(ScriptedChatModel.call("get_balance", Map.of())))
 *         .whenToolResult("send (\\d+) to (\\w+)", m -> List.of(ScriptedChatModel.call("send_money",
 *                 Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
 *         .otherwise("I can help with balances and transfers.")
 *         .build();
 * }</pre>
 *
 * Token usage is reported as whitespace-separated word counts, so budgets can be tested.
 */
public final class ScriptedChatModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong CALL_IDS = new AtomicLong();

    /** One model turn computed from the request. */
    @FunctionalInterface
    public interface Turn extends Function<ChatRequest, AiMessage> {}

    private final List<Turn> script;
    private final List<Rule> userRules;
    private final List<Rule> resultRules;
    private final String otherwise;
    private final Function<List<ToolExecutionResultMessage>, String> finalAnswer;
    private final String modelName;
    private final AtomicInteger position = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    private record Rule(Pattern pattern, Function<Matcher, List<ToolExecutionRequest>> calls) {}

    private ScriptedChatModel(List<Turn> script, List<Rule> userRules, List<Rule> resultRules, String otherwise,
            Function<List<ToolExecutionResultMessage>, String> finalAnswer, String modelName) {
        this.script = script;
        this.userRules = userRules;
        this.resultRules = resultRules;
        this.otherwise = otherwise;
        this.finalAnswer = finalAnswer;
        this.modelName = modelName;
    }

    public static ScriptBuilder script() {
        return new ScriptBuilder();
    }

    public static RulesBuilder rules() {
        return new RulesBuilder();
    }

    /** A tool call with arguments serialised as JSON. */
    public static ToolExecutionRequest call(String tool, Map<String, ?> arguments) {
        try {
            return rawCall(tool, JSON.writeValueAsString(arguments));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A tool call with verbatim argument text (which may be malformed on purpose). */
    public static ToolExecutionRequest rawCall(String tool, String argumentsJson) {
        return ToolExecutionRequest.builder().id("call_" + CALL_IDS.incrementAndGet()).name(tool)
                .arguments(argumentsJson).build();
    }

    /** Number of model calls served so far. */
    public int calls() {
        return calls.get();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        AiMessage ai = script != null ? nextScripted(request) : byRules(request.messages());
        return ChatResponse.builder()
                .aiMessage(ai)
                .modelName(modelName)
                .tokenUsage(new TokenUsage(words(request.messages()), words(ai.text())))
                .finishReason(ai.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .build();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    private AiMessage nextScripted(ChatRequest request) {
        int i = Math.min(position.getAndIncrement(), script.size() - 1);
        return script.get(i).apply(request);
    }

    private AiMessage byRules(List<ChatMessage> messages) {
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage t; i--) {
            results.add(0, t);
        }
        if (!results.isEmpty()) {
            for (ToolExecutionResultMessage r : results) {
                List<ToolExecutionRequest> next = firstMatch(resultRules, r.text());
                if (next != null) {
                    return AiMessage.from(next.toArray(new ToolExecutionRequest[0]));
                }
            }
            return AiMessage.from(finalAnswer.apply(results));
        }
        String user = lastUserText(messages);
        List<ToolExecutionRequest> calls = user == null ? null : firstMatch(userRules, user);
        return calls == null ? AiMessage.from(otherwise) : AiMessage.from(calls.toArray(new ToolExecutionRequest[0]));
    }

    private static List<ToolExecutionRequest> firstMatch(List<Rule> rules, String text) {
        if (text == null) {
            return null;
        }
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                List<ToolExecutionRequest> calls = rule.calls().apply(m);
                if (calls != null && !calls.isEmpty()) {
                    return calls;
                }
            }
        }
        return null;
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u) {
                return u.hasSingleText() ? u.singleText() : u.toString();
            }
        }
        return null;
    }

    private static int words(List<ChatMessage> messages) {
        int n = 0;
        for (ChatMessage m : messages) {
            if (m instanceof UserMessage u && u.hasSingleText()) {
                n += words(u.singleText());
            } else if (m instanceof SystemMessage s) {
                n += words(s.text());
            } else if (m instanceof ToolExecutionResultMessage t) {
                n += words(t.text());
            } else if (m instanceof AiMessage a) {
                n += words(a.text());
            }
        }
        return n;
    }

    private static int words(String s) {
        return s == null || s.isBlank() ? 0 : s.trim().split("\\s+").length;
    }

    /** Builds a script of turns. */
    public static final class ScriptBuilder {
        private final List<Turn> turns = new ArrayList<>();
        private String modelName = "scripted";

        public ScriptBuilder reply(String text) {
            turns.add(r -> AiMessage.from(text));
            return this;
        }

        public ScriptBuilder callTools(ToolExecutionRequest... calls) {
            turns.add(r -> AiMessage.from(copies(calls)));
            return this;
        }

        public ScriptBuilder callTool(String tool, Map<String, ?> arguments) {
            return callTools(call(tool, arguments));
        }

        public ScriptBuilder turn(Turn turn) {
            turns.add(Objects.requireNonNull(turn));
            return this;
        }

        public ScriptBuilder modelName(String value) {
            modelName = value;
            return this;
        }

        public ScriptedChatModel build() {
            if (turns.isEmpty()) {
                throw new IllegalStateException("a script needs at least one turn");
            }
            return new ScriptedChatModel(List.copyOf(turns), null, null, null, null, modelName);
        }

        // fresh ids per turn so a repeated turn does not reuse call ids
        private static ToolExecutionRequest[] copies(ToolExecutionRequest[] calls) {
            ToolExecutionRequest[] out = new ToolExecutionRequest[calls.length];
            for (int i = 0; i < calls.length; i++) {
                out[i] = rawCall(calls[i].name(), calls[i].arguments());
            }
            return out;
        }
    }

    /** Builds a rule-driven model. */
    public static final class RulesBuilder {
        private final List<Rule> userRules = new ArrayList<>();
        private final List<Rule> resultRules = new ArrayList<>();
        private String otherwise = "I cannot help with that.";
        private Function<List<ToolExecutionResultMessage>, String> finalAnswer = RulesBuilder::summarize;
        private String modelName = "scripted";

        public RulesBuilder whenUser(String regex, Function<Matcher, List<ToolExecutionRequest>> calls) {
            userRules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), calls));
            return this;
        }

        /** A rule on tool results: the hook for a model that follows instructions found in content. */
        public RulesBuilder whenToolResult(String regex, Function<Matcher, List<ToolExecutionRequest>> calls) {
            resultRules.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), calls));
            return this;
        }

        public RulesBuilder otherwise(String text) {
            otherwise = text;
            return this;
        }

        public RulesBuilder finalAnswer(Function<List<ToolExecutionResultMessage>, String> value) {
            finalAnswer = value;
            return this;
        }

        public RulesBuilder modelName(String value) {
            modelName = value;
            return this;
        }

        public ScriptedChatModel build() {
            return new ScriptedChatModel(null, List.copyOf(userRules), List.copyOf(resultRules), otherwise,
                    finalAnswer, modelName);
        }

        private static String summarize(List<ToolExecutionResultMessage> results) {
            StringBuilder sb = new StringBuilder("Here is what I found:");
            for (ToolExecutionResultMessage r : results) {
                sb.append("\n- ").append(r.toolName()).append(": ").append(r.text());
            }
            return sb.toString();
        }
    }
}
