package dev.warden.quarkus.langchain4j;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.quarkus.WardenConfig;
import io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodImplementationSupport;
import io.quarkiverse.langchain4j.runtime.aiservice.QuarkusAiServiceContext;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.function.Function;

/**
 * Governs every call of a Quarkus LangChain4j {@code @RegisterAiService} method, with no change to the service. It
 * plugs into Quarkus LangChain4j's own method seam ({@link AiServiceMethodImplementationSupport.Wrapper}, which every
 * generated AI-service method passes) and, per invocation:
 * <ol>
 *   <li>makes sure the service's chat model is a {@link GovernedAiServiceModel} (installed once in the service's
 *       context, whichever way the model was configured: default or named provider model, or a supplier), so every
 *       model call passes {@code MODEL_REQUEST} and {@code MODEL_RESPONSE};</li>
 *   <li>opens the invocation's frame on this thread ({@link AiServiceInvocations}), shared with the tool wrapper;</li>
 *   <li>puts the final answer through {@code AGENT_OUTPUT} (target {@code "user"}, as the governed agent loop does):
 *       deny throws {@link dev.warden.core.PolicyDeniedException} with the verdict's code, transform returns the
 *       transformed text.</li>
 * </ol>
 * Methods returning {@code Multi<String>} (decision 0041) or {@code TokenStream} (decision 0046) stream governed
 * ({@link AiServiceStreamedCalls}). Other streaming and asynchronous shapes ({@code Multi} of events, {@code Uni},
 * {@code CompletionStage}, publishers) and streaming methods whose model is picked per call are refused
 * ({@link AiServiceCodes#STREAMING_NOT_GOVERNED}): their model and output would escape the checkpoints. A model call
 * Quarkus LangChain4j reports that did not pass the governed model withholds the answer ({@link AiServiceCodes#UNGOVERNED_MODEL_CALL}).
 */
@Singleton
public class WardenAiServiceWrapper implements AiServiceMethodImplementationSupport.Wrapper {
    private static final Set<String> DEFERRED = Set.of("io.smallrye.mutiny.Multi", "io.smallrye.mutiny.Uni",
            "dev.langchain4j.service.TokenStream", "java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture", "org.reactivestreams.Publisher",
            "java.util.concurrent.Flow$Publisher");

    private final Governor governor;
    private final AiServiceInvocations invocations;
    private final AiServiceSessions sessions;
    private final WardenConfig config;
    private final AiServiceMemoryLabels memory;
    private final AiServiceStreamedCalls streamed;

    WardenAiServiceWrapper(Governor governor, AiServiceInvocations invocations, AiServiceSessions sessions,
            WardenConfig config, AiServiceMemoryLabels memory, AiServiceStreamedCalls streamed) {
        this.streamed = streamed;
        this.config = config;
        this.memory = memory;
        this.governor = governor;
        this.invocations = invocations;
        this.sessions = sessions;
    }

    void verifyAtStartup(@Observes StartupEvent event) {
        AiServiceInputs.verify();
        AiServiceStreamHandlers.verify();
    }

    @Override
    public Object wrap(AiServiceMethodImplementationSupport.Input input,
            Function<AiServiceMethodImplementationSupport.Input, Object> fun) {
        QuarkusAiServiceContext context = AiServiceInputs.context(input);
        String service = context.aiServiceClass.getName();
        Type returned = AiServiceInputs.createInfo(input).getReturnType();
        boolean modelPerCall = AiServiceInputs.createInfo(input).getOverrideChatModelParamPosition().isPresent();
        if (AiServiceStreamedCalls.streamsText(returned) && !modelPerCall) {
            return streamed.call(input, fun, context, service, () -> govern(context, service));
        }
        if (AiServiceStreamedCalls.streamsTokens(returned) && !modelPerCall) {
            return streamed.callTokens(input, fun, context, service, () -> govern(context, service));
        }
        AiServiceInvocations.Frame frame = invocations.open(service);
        try {
            if (isDeferred(returned)) {
                throw AiServiceRefusals.deny(governor, output(frame, ""), frame.session().context(),
                        "this streaming or asynchronous AI-service method cannot be governed: streaming is governed"
                                + " for methods returning Multi<String> or TokenStream whose model is not chosen per"
                                + " call; use a blocking method (String, Result<String>) otherwise",
                        AiServiceCodes.STREAMING_NOT_GOVERNED);
            }
            govern(context, service);
            return governOutput(frame, fun.apply(input));
        } finally {
            invocations.close(frame);
        }
    }

    private void govern(QuarkusAiServiceContext context, String service) {
        synchronized (context) {
            if (context.chatModel != null && !(context.chatModel instanceof GovernedAiServiceModel)) {
                context.chatModel = new GovernedAiServiceModel(context.chatModel, service, governor, invocations,
                        sessions, memory, config.limits().maxInputChars(), config.limits().maxModelAnswerChars());
                if (context.toolService != null) {
                    context.toolService.hallucinatedToolNameStrategy(new AiServiceUnknownTools(service, governor,
                            invocations));
                }
            }
        }
    }

    private Object governOutput(AiServiceInvocations.Frame frame, Object answer) {
        AiServiceSessions.Session s = frame.session();
        String text = AiServiceOutput.text(answer);
        CheckpointRequest req = output(frame, text);
        if (frame.hadUngovernedModelCall()) {
            throw AiServiceRefusals.deny(governor, req, s.context(), "a model call of this invocation did not pass"
                    + " through Warden", AiServiceCodes.UNGOVERNED_MODEL_CALL);
        }
        Verdict v = governor.check(req, s.context());
        if (!v.proceeds()) {
            throw AiServiceRefusals.refusal(v);
        }
        String effective = v.effectiveRequest().content();
        if (v.outcome() != Outcome.TRANSFORM || effective == null || effective.equals(text)) {
            return answer;
        }
        return AiServiceOutput.withText(answer, effective).orElseThrow(() -> AiServiceRefusals.deny(governor, req,
                s.context(), "a policy rewrote the answer, but this method does not return text",
                AiServiceCodes.OUTPUT_TRANSFORM_UNSUPPORTED));
    }

    private static CheckpointRequest output(AiServiceInvocations.Frame frame, String text) {
        AiServiceSessions.Session s = frame.session();
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, s.step(), null, null, null, text,
                s.context().labels(), "user", s.attributes());
    }

    private static boolean isDeferred(Type type) {
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        return raw instanceof Class<?> c && DEFERRED.contains(c.getName());
    }
}
