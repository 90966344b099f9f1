package dev.warden.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.model.scripted.ScriptedChatModel;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkiverse.langchain4j.runtime.listeners.SpanChatModelListener;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCallSpansTest {
    @Test
    void langchain4j_provider_names_map_to_the_registry_values() {
        assertThat(ModelCallSpans.providerName("open_ai")).isEqualTo("openai");
        assertThat(ModelCallSpans.providerName("OPEN_AI")).isEqualTo("openai");
        assertThat(ModelCallSpans.providerName("azure_open_ai")).isEqualTo("azure.ai.openai");
        assertThat(ModelCallSpans.providerName("amazon_bedrock")).isEqualTo("aws.bedrock");
        assertThat(ModelCallSpans.providerName("google_ai_gemini")).isEqualTo("gcp.gemini");
        assertThat(ModelCallSpans.providerName("google_vertex_ai_gemini")).isEqualTo("gcp.vertex_ai");
        assertThat(ModelCallSpans.providerName("mistral_ai")).isEqualTo("mistral_ai");
        assertThat(ModelCallSpans.providerName("watsonx")).isEqualTo("ibm.watsonx.ai");
        assertThat(ModelCallSpans.providerName("anthropic")).isEqualTo("anthropic");
        // every provider LangChain4j knows maps to a registry value (ollama has none: kept as a custom value)
        List<String> registry = List.of("anthropic", "aws.bedrock", "azure.ai.inference", "azure.ai.openai", "cohere",
                "deepseek", "gcp.gemini", "gcp.gen_ai", "gcp.vertex_ai", "groq", "ibm.watsonx.ai", "mistral_ai",
                "moonshot_ai", "openai", "perplexity", "x_ai", "ollama", "_OTHER");
        for (ModelProvider p : ModelProvider.values()) {
            assertThat(ModelCallSpans.providerName(p.name())).as("%s", p).isIn(registry);
        }
    }

    @Test
    void an_unknown_provider_falls_back_to_other_and_a_custom_name_is_kept() {
        assertThat(ModelCallSpans.providerName("other")).isEqualTo("_OTHER");
        assertThat(ModelCallSpans.providerName(null)).isEqualTo("_OTHER");
        assertThat(ModelCallSpans.providerName("unknown")).isEqualTo("_OTHER");
        assertThat(ModelCallSpans.providerName("acme.llm")).isEqualTo("acme.llm");
    }

    @Test
    void finish_reasons_use_the_conventions_vocabulary() {
        assertThat(ModelCallSpans.finishReason(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_call");
        assertThat(ModelCallSpans.finishReason(FinishReason.STOP)).isEqualTo("stop");
        assertThat(ModelCallSpans.finishReason(FinishReason.LENGTH)).isEqualTo("length");
        assertThat(ModelCallSpans.finishReason(FinishReason.CONTENT_FILTER)).isEqualTo("content_filter");
    }

    /** A model with a tracing listener, as Quarkus LangChain4j builds it when quarkus-opentelemetry is present. */
    static final class TracedModel implements ChatModel {
        final ChatModel inner = ScriptedChatModel.script().reply("hi").build();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return inner.chat(request);
        }

        @Override
        public List<ChatModelListener> listeners() {
            return List.of(new SpanChatModelListener() {}); // as a CDI client proxy: a subclass of the bean class
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("gpt-4o-mini").build();
        }
    }

    List<SpanData> chatSpans(WardenTelemetry.ModelSpans mode) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("a")).model(new TracedModel())
                .governor(Governor.builder().telemetry(new WardenTelemetry(otel, false, mode)).build()).build();
        agent.runBlocking("hello", Principal.of("alice"));
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat")).toList();
    }

    @Test
    void no_second_model_span_when_the_model_client_traces_itself() {
        assertThat(chatSpans(WardenTelemetry.ModelSpans.AUTO)).isEmpty();
        assertThat(chatSpans(WardenTelemetry.ModelSpans.ALWAYS)).extracting(SpanData::getName)
                .containsExactly("chat gpt-4o-mini");
        assertThat(chatSpans(WardenTelemetry.ModelSpans.NEVER)).isEmpty();
    }
}
