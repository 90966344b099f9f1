package dev.warden.quarkus.anthropic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts an {@link AnthropicStub} for a {@code @QuarkusTest} and points {@code warden.anthropic.*} at it. */
public class AnthropicStubResource implements QuarkusTestResourceLifecycleManager {
    static final String KEY = "sk-ant-quarkus-test";
    private static final Pattern SEND = Pattern.compile("send (\\d+) to ([A-Z]{2}\\d{2}[A-Z0-9]+)");
    static volatile AnthropicStub stub;

    @Override
    public Map<String, String> start() {
        stub = new AnthropicStub(KEY, text -> {
            Matcher m = SEND.matcher(text);
            return m.find() ? Optional.of(new AnthropicStub.ToolUse("send_money",
                    Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))) : Optional.empty();
        });
        return Map.of("warden.anthropic.base-url", stub.baseUrl(), "warden.anthropic.api-key", KEY);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
