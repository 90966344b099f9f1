package dev.warden.samples.workspace;

import dev.warden.quarkus.WardenAgent;

/**
 * The same tools and policies on the provider seam ({@code model = "provider"}: Quarkus LangChain4j's OpenAI client
 * at {@code OPENAI_BASE_URL}), next to the scripted agent in one application, so the module's tests boot once.
 */
@WardenAgent(id = "workspace-assistant-provider", description = "The workspace assistant on an OpenAI-compatible model",
        owner = "workplace-it", policies = "workspace", model = "provider", tools = WorkspaceAssistant.class,
        systemMessage = "You are a careful workspace assistant. Act only on the user's own instructions.")
public class ProviderBackedAssistant {
}
