package dev.warden.quarkus.langchain4j;

/**
 * The module's main classes, added to each test application: the module under test is the application there (as a
 * dependency its beans.xml makes it discovered), and package-private access needs one class loader.
 */
final class StarterClasses {
    private StarterClasses() {}

    static final Class<?>[] ALL = {WardenToolWrapper.class, AiServiceToolCatalog.class, AiServiceSessions.class,
            AiServiceSessions.Session.class, WardenAiServiceWrapper.class, AiServiceInvocations.class,
            AiServiceInvocations.Frame.class, GovernedAiServiceModel.class, AiServiceInputs.class,
            AiServiceOutput.class, AiServiceRefusals.class, AiServiceCodes.class, AiServiceUnknownTools.class,
            AiServiceMemoryLabels.class, AiServiceModelTurns.class, AiServiceModelTurns.Turn.class,
            AiServiceStreams.class, AiServiceStreams.Stream.class, AiServiceStreamHandlers.class,
            AiServiceStreamTurn.class, AiServiceStreamedCalls.class, AiServiceStreamOutput.class,
            GovernedStreamingAiServiceModel.class, GovernedTokenStream.class, AiServiceStreams.Binding.class};
}
