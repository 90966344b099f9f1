package dev.warden.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusProdModeTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key fixed when the application is built ({@code warden.planes.*}, {@code warden.budgets.store}) set to another
 * value when the built application runs is reported at startup, not silently ignored. The application is built and
 * then started as a separate process, as in production.
 */
class BuildTimeKeyAtRuntimeTest {
    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            // no agent and no policy: the subject is the configuration alone
            .withEmptyApplication()
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .setApplicationName("build-time-keys")
            .setApplicationVersion("0.1")
            .setRun(true)
            // the test profile at run time: the prod profile's own start checks (head key, dev tokens) are not the
            // subject here
            .setRuntimeProperties(Map.of("quarkus.profile", "test", "quarkus.http.port", "0",
                    "warden.planes.data-flow.enabled", "false", "warden.budgets.store", "postgres"));

    @Test
    void changing_a_build_time_key_at_run_time_is_reported_at_startup() {
        String out = APP.getStartupConsoleOutput();
        assertThat(out).contains("warden.planes.data-flow.enabled").contains("warden.budgets.store");
        assertThat(out.toLowerCase()).contains("build time");
    }
}
