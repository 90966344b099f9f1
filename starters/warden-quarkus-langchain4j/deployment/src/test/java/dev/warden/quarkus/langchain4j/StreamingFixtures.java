package dev.warden.quarkus.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.service.TokenStream;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.model.scripted.ScriptedStreamingChatModel;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.PolicyPlane;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Unchanged streaming AI services ({@code Multi<String>}, {@code TokenStream}), a tool, scripted streaming models and a refusing screen. */
final class StreamingFixtures {
    private StreamingFixtures() {}

    static final String IBAN_ANSWER = "Your statement for November is ready and nothing is overdue yet. Please pay to"
            + " DE89 3704 0044 0532 0130 00 by Friday, thank you.";
    static final String FORBIDDEN_ANSWER = "x".repeat(100) + " the FORBIDDEN word " + "y".repeat(100);
    static final String LONG_ANSWER = "All quiet on the account today. ".repeat(300); // ~10 s: outlasts any stall before the cancel

    @RegisterAiService(tools = WireTools.class, chatLanguageModelSupplier = Blocking.class,
            streamingChatLanguageModelSupplier = Streaming.class)
    public interface Streamer {
        Multi<String> chat(String message);

        TokenStream tokens(String message);
    }

    @RegisterAiService(chatLanguageModelSupplier = Blocking.class, streamingChatLanguageModelSupplier = Slow.class)
    public interface SlowStreamer {
        Multi<String> chat(String message);

        TokenStream tokens(String message);
    }

    @ApplicationScoped
    public static class WireTools {
        static final List<String> WIRES = new CopyOnWriteArrayList<>();

        @Tool(name = "wire_money", value = "Wire money to an IBAN")
        @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE})
        public String wire(String iban, double amount) {
            WIRES.add(iban + ":" + amount);
            return "wired " + amount;
        }
    }

    /** {@code iban}, {@code forbidden}, {@code long}, {@code wire <n>}; after a tool result: {@code done: <result>}. */
    public static class Blocking implements Supplier<ChatModel> {
        static final ScriptedChatModel MODEL = LastMessageModels.answering("streamer", "done: ", Blocking::answer);

        @Override
        public ChatModel get() {
            return MODEL;
        }

        private static AiMessage answer(String text) {
            if (text.startsWith("wire ")) {
                return AiMessage.from(ScriptedChatModel.call("wire_money", Map.of("iban", "DE89370400440532013000",
                        "amount", Integer.parseInt(text.substring(5)))));
            }
            return AiMessage.from(switch (text) {
                case "iban" -> IBAN_ANSWER;
                case "forbidden" -> FORBIDDEN_ANSWER;
                case "long" -> LONG_ANSWER;
                default -> "ok: " + text;
            });
        }
    }

    /** Streams in 3-character chunks on the calling thread: an IBAN arrives in many pieces. */
    public static class Streaming implements Supplier<StreamingChatModel> {
        static final ScriptedStreamingChatModel MODEL = ScriptedStreamingChatModel.of(Blocking.MODEL).chunkChars(3)
                .build();

        @Override
        public StreamingChatModel get() {
            return MODEL;
        }
    }

    /** Streams 4-character chunks, one every 5 ms, on its own thread: a reader can go away mid-answer. */
    public static class Slow implements Supplier<StreamingChatModel> {
        static final ScriptedStreamingChatModel MODEL = ScriptedStreamingChatModel.of(Blocking.MODEL).chunkChars(4)
                .delay(Duration.ofMillis(5)).build();

        @Override
        public StreamingChatModel get() {
            return MODEL;
        }
    }

    /**
     * A plug-in plane that judges whole answers only (no screen): while {@link #ON}, it refuses answers mentioning
     * November and says it judges answer text, so a stream must hold its answer back whole.
     */
    @Singleton
    public static class NovemberRule implements PolicyPlane {
        static final String CODE = "TEST-STR-0002";
        static volatile boolean ON;

        @Override
        public String name() {
            return "november-rule";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.AGENT_OUTPUT);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return ON && request.content() != null && request.content().contains("November")
                    ? Decision.deny("November is not discussed", CODE, Basis.of(name())) : Decision.allow(name());
        }

        @Override
        public boolean judgesAnswerText(Checkpoint checkpoint) {
            return ON;
        }
    }

    /** A screening plug-in plane that refuses any streamed piece containing FORBIDDEN. */
    @Singleton
    public static class ForbiddenWordScreen implements PolicyPlane, OutputScreen {
        static final String CODE = "TEST-STR-0001";

        @Override
        public String name() {
            return "forbidden-word";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.AGENT_OUTPUT);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return refuses(request.content()) ? refusal() : Decision.allow(name());
        }

        @Override
        public Screening screen(CheckpointRequest window, GovernanceContext context) {
            return refuses(window.content()) ? Screening.refuse(refusal()) : Screening.pass();
        }

        private static boolean refuses(String text) {
            return text != null && text.contains("FORBIDDEN");
        }

        private Decision refusal() {
            return Decision.deny("the forbidden word is never shown", CODE, Basis.of(name()));
        }
    }

    /** What a chat UI does with a token stream: collects the pieces, waits for the end. */
    static final class TokenReader {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> end = new CompletableFuture<>();
        volatile StreamingHandle handle;

        TokenReader read(TokenStream stream) {
            stream.onPartialResponseWithContext((partial, context) -> {
                handle = context.streamingHandle();
                tokens.add(partial.text());
            }).onCompleteResponse(end::complete).onError(end::completeExceptionally).start();
            return this;
        }

        String delivered() {
            return String.join("", tokens);
        }

        ChatResponse completed() throws Exception {
            return end.get(10, TimeUnit.SECONDS);
        }

        Throwable failure() throws Exception {
            try {
                end.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the stream completed; a refusal was expected");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }
}
