package dev.warden.quarkus.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Logs, at startup, every setting a Warden extension contributes for the whole application (its
 * {@code META-INF/microprofile-config.properties} defaults, lowest ordinal), with the value in effect, so nothing is set
 * silently. Each extension lists its own keys; this class lists those of {@code warden-quarkus}.
 */
@Singleton
public class AppWideDefaults {
    private static final Logger LOG = Logger.getLogger(AppWideDefaults.class);

    /** The keys {@code warden-quarkus} sets outside {@code warden.*}, each with why. */
    public static final Map<String, String> WARDEN_QUARKUS = ordered(
            "quarkus.http.auth.proactive", "authentication failures must reach Warden's problem+json mappers",
            "quarkus.http.limits.max-body-size", "larger bodies get 413 problem+json (WARDEN-API-0183) unread",
            "mp.jwt.verify.clock.skew", "a stated, small clock-skew leeway (seconds) for exp and iat",
            "quarkus.otel.exporter.otlp.protocol", "OTLP over HTTP/protobuf (Quarkus' own default is grpc)",
            "quarkus.otel.exporter.otlp.endpoint", "the collector's HTTP/protobuf port on this host");

    void onStart(@Observes StartupEvent event) {
        log("warden-quarkus", WARDEN_QUARKUS);
    }

    /** One INFO line per key: what the extension sets, the value in effect (the application may override it). */
    public static void log(String extension, Map<String, String> keys) {
        var config = ConfigProvider.getConfig();
        keys.forEach((key, why) -> LOG.infof("%s sets %s for the whole application (in effect: %s): %s", extension,
                key, config.getOptionalValue(key, String.class).orElse("<unset>"), why));
    }

    /** key1, why1, key2, why2 ... in order. */
    public static Map<String, String> ordered(String... keysAndWhys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndWhys.length; i += 2) {
            out.put(keysAndWhys[i], keysAndWhys[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
