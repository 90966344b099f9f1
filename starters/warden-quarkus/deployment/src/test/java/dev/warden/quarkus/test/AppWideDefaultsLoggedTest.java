package dev.warden.quarkus.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.runtime.AppWideDefaults;
import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the extension sets for the whole application (quarkus.http.auth.proactive=false ...) is logged at startup. */
class AppWideDefaultsLoggedTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("mp.jwt.verify.clock.skew", "7")
            .setLogRecordPredicate(r -> r.getLoggerName().equals(AppWideDefaults.class.getName()))
            .assertLogRecords(records -> {
                var lines = records.stream().map(r -> String.format(r.getMessage(), r.getParameters())).toList();
                assertThat(lines).anyMatch(l -> l.contains("warden-quarkus sets quarkus.http.auth.proactive for the"
                        + " whole application (in effect: false)"));
                assertThat(lines).anyMatch(l -> l.contains("mp.jwt.verify.clock.skew") && l.contains("in effect: 7"));
            });

    @Test
    void every_app_wide_default_of_the_runtime_jar_is_in_the_logged_list() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(
                Path.of("../runtime/src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        var appWide = defaults.stringPropertyNames().stream().filter(k -> !k.startsWith("warden.")).toList();
        assertThat(AppWideDefaults.WARDEN_QUARKUS.keySet()).containsExactlyInAnyOrderElementsOf(appWide);
    }
}
