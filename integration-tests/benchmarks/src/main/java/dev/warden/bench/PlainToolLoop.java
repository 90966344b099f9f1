package dev.warden.bench;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ungoverned baseline: the textbook LangChain4j tool-calling loop, written against the public API only.
 * {@code chat(ChatRequest with toolSpecifications)} → for each {@link ToolExecutionRequest} run LangChain4j's
 * {@link DefaultToolExecutor} → append a {@link ToolExecutionResultMessage} → chat again, until the model answers in
 * text. No checkpoints, audit, spans or schema checks — that is what the governed loop adds.
 */
final class PlainToolLoop {
    private final ChatModel model;
    private final List<ToolSpecification> specifications;
    private final Map<String, ToolExecutor> executors = new HashMap<>();
    private final int maxSteps;

    PlainToolLoop(ChatModel model, Object toolObject, int maxSteps) {
        this.model = model;
        this.maxSteps = maxSteps;
        this.specifications = ToolSpecifications.toolSpecificationsFrom(toolObject);
        for (Method m : toolObject.getClass().getDeclaredMethods()) {
            if (m.isAnnotationPresent(Tool.class)) {
                String name = ToolSpecifications.toolSpecificationFrom(m).name();
                executors.put(name, new DefaultToolExecutor(toolObject, m));
            }
        }
    }

    /** Runs one user turn to the model's final text answer. */
    String run(String userInput) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(UserMessage.from(userInput));
        for (int step = 0; step < maxSteps; step++) {
            ChatRequest request = ChatRequest.builder().messages(List.copyOf(messages))
                    .toolSpecifications(specifications).build();
            AiMessage ai = model.chat(request).aiMessage();
            messages.add(ai);
            if (!ai.hasToolExecutionRequests()) {
                return ai.text();
            }
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                ToolExecutor executor = executors.get(call.name());
                String result = executor == null ? "unknown tool " + call.name() : executor.execute(call, "bench");
                messages.add(ToolExecutionResultMessage.from(call, result));
            }
        }
        throw new IllegalStateException("no final answer after " + maxSteps + " steps");
    }
}
