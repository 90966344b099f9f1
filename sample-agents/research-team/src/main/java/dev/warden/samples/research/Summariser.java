package dev.warden.samples.research;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/**
 * A plain Quarkus LangChain4j AI service, written as any Quarkus LangChain4j user would write it: nothing here
 * mentions Warden. With {@code warden-quarkus-langchain4j} on the classpath its model calls and its answer pass the
 * team's policies like the {@code @WardenAgent}s' do (e.g. {@code analysts-only} at {@code MODEL_REQUEST}).
 */
@RegisterAiService(chatLanguageModelSupplier = SummariserModel.class)
public interface Summariser {

    @SystemMessage("Summarise the research notes you are given in one or two sentences.")
    String summarise(@UserMessage String notes);
}
