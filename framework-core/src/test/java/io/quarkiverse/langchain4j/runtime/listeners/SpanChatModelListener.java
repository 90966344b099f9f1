package io.quarkiverse.langchain4j.runtime.listeners;

import dev.langchain4j.model.chat.listener.ChatModelListener;

/**
 * Stand-in with the name of Quarkus LangChain4j's tracing listener (framework-core does not depend on Quarkus): a
 * model carrying it already emits a model span.
 */
public class SpanChatModelListener implements ChatModelListener {}
