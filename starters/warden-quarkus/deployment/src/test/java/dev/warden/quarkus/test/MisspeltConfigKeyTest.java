package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A misspelt {@code warden.*} key fails the start, naming the key — it must not silently leave a security setting at
 * its default. (Build-time keys such as {@code warden.planes.*} and {@code warden.budgets.store} are known.)
 */
class MisspeltConfigKeyTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerModel.class))
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("warden.planes.data-flow.enabled", "true")
            .overrideConfigKey("warden.budgets.store", "memory")
            .overrideConfigKey("warden.audit.capture-argumnets", "true")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .assertException(e -> {
                Throwable root = e;
                StringBuilder messages = new StringBuilder();
                while (root != null) {
                    messages.append(root.getMessage()).append('\n');
                    root = root.getCause();
                }
                assertThat(messages.toString()).contains("warden.audit.capture-argumnets")
                        .doesNotContain("warden.planes.data-flow.enabled").doesNotContain("warden.budgets.store");
            });

    @Test
    void start_fails() {
        fail("the application must not start");
    }
}
