package dev.warden.quarkus.deployment;

import dev.warden.quarkus.runtime.AppWideSettingsRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Says at startup what the extension sets for the whole application, so nobody has to discover it: today
 * {@value #PROACTIVE_AUTH}{@code =false} (the extension's {@code META-INF/microprofile-config.properties}), which lets
 * an invalid token reach Warden's problem+json mappers instead of a bare 401 from the HTTP layer. The source of the
 * value is read at build time (where it is still known); an application that sets the key itself is told what it
 * overrides.
 */
class AppWideSettingsProcessor {
    static final String PROACTIVE_AUTH = "quarkus.http.auth.proactive";

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void logAppWideSettings(AppWideSettingsRecorder recorder) {
        recorder.log(proactiveAuthMessage(ConfigProvider.getConfig().getConfigValue(PROACTIVE_AUTH)));
    }

    static String proactiveAuthMessage(ConfigValue v) {
        String source = v.getSourceName() == null ? "unknown source" : v.getSourceName();
        boolean off = "false".equalsIgnoreCase(v.getValue());
        if (off && source.contains("microprofile-config.properties") && source.contains("warden")) {
            return "Warden sets " + PROACTIVE_AUTH + "=false for the whole application (authentication runs when a "
                    + "secured endpoint is called, so a bad token gets Warden's problem+json answer); set it in "
                    + "application.properties to override";
        }
        return PROACTIVE_AUTH + "=" + v.getValue() + " is set by " + source + ", overriding Warden's default (false)"
                + (off ? "" : ": a bad token is answered by the HTTP layer, not with Warden's problem+json");
    }
}
