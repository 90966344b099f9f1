package dev.warden.a2a.server;

import io.a2a.server.requesthandlers.DefaultRequestHandler;
import java.lang.reflect.Field;
import java.time.Duration;

/**
 * The A2A SDK 0.3.3 reads how long a blocking {@code message/send} waits for the agent from CDI config only; built
 * outside CDI ({@link DefaultRequestHandler#create}) the wait is 5 s, too short for a governed run with a real model.
 * This sets the SDK's own field. Pinned to the SDK version in the root pom: if the field is gone the SDK default
 * stays, and a run longer than it answers a blocking call with a JSON-RPC internal error, never with a wider outcome.
 */
final class SdkTimeouts {
    private SdkTimeouts() {}

    static void blockingWait(DefaultRequestHandler handler, Duration wait) {
        try {
            Field f = DefaultRequestHandler.class.getDeclaredField("agentCompletionTimeoutSeconds");
            f.setAccessible(true);
            f.setInt(handler, (int) Math.max(5, Math.min(Integer.MAX_VALUE, wait.toSeconds())));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // keep the SDK's default
        }
    }
}
