package dev.warden.quarkus.runtime;

import dev.warden.core.Governor;
import dev.warden.core.telemetry.WardenTelemetry;
import dev.warden.quarkus.api.ApiCodes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The baseline of the service-path load harness: the same service with no plane consulted and no audit record written,
 * so "governed / ungoverned" measures what governance costs. For benchmarking only, and never a way around governance:
 * <ul>
 *   <li>it is a start-up property ({@code warden.benchmark.ungoverned}, from system properties, environment or the
 *       application's config), read once when the {@link Governor} is built; no request can reach it;</li>
 *   <li>the {@code prod} profile refuses to start with it ({@value ApiCodes#UNGOVERNED_IN_PROD}), checked both at
 *       start-up and where the governor is built, whichever comes first;</li>
 *   <li>every start with it logs a loud warning.</li>
 * </ul>
 */
@Singleton
public class UngovernedBenchmark {
    private static final Logger LOG = Logger.getLogger(UngovernedBenchmark.class);

    /** Benchmark-only switches under {@code warden.benchmark.*}. */
    @ConfigMapping(prefix = "warden.benchmark")
    public interface Config {
        /**
         * Run with no plane and no audit trail, to measure the ungoverned baseline of the load harness. Refused in the
         * {@code prod} profile; never set it on a service users reach.
         */
        @WithDefault("false")
        boolean ungoverned();
    }

    private final Config config;

    UngovernedBenchmark(Config config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(0) StartupEvent event) {
        enabled(config.ungoverned(), ConfigUtils.getProfiles());
    }

    /** Profiles in which the baseline may run: the harness's own, and dev mode / tests. */
    static final List<String> ALLOWED_PROFILES = List.of("bench", "dev", "test");

    /**
     * Whether the service runs ungoverned; refuses (throws) unless a benchmarking profile is active and {@code prod}
     * is not — an allow-list, so a deployment under any other profile name (staging, kubernetes, demo) is refused too.
     *
     * @throws DeploymentException {@value ApiCodes#UNGOVERNED_IN_PROD} when {@code ungoverned} outside the
     *     {@code bench}, {@code dev} and {@code test} profiles, or with {@code prod} active
     */
    static boolean enabled(boolean ungoverned, List<String> profiles) {
        if (!ungoverned) {
            return false;
        }
        if (profiles.contains("prod") || profiles.stream().noneMatch(ALLOWED_PROFILES::contains)) {
            throw new DeploymentException(ApiCodes.UNGOVERNED_IN_PROD + ": warden.benchmark.ungoverned=true is a "
                    + "load-harness baseline (no planes, no audit) and runs only in the bench, dev or test profile, "
                    + "never with prod (active: " + profiles + "); remove it, or start e.g. -Dquarkus.profile=demo,bench "
                    + "for benchmarking");
        }
        LOG.warn("#### Warden: UNGOVERNED BENCHMARK MODE (warden.benchmark.ungoverned=true): no policy plane is "
                + "consulted and no audit record is written. Every action is allowed. For the load harness only; "
                + "never expose this service to users. ####");
        return true;
    }

    /** The governor of an ungoverned start: no plane (every checkpoint allows), no audit sink. */
    Governor governor(WardenTelemetry telemetry, Clock clock) {
        enabled(config.ungoverned(), ConfigUtils.getProfiles());
        return Governor.builder().telemetry(telemetry).clock(clock).build();
    }

    boolean requested() {
        return config.ungoverned();
    }
}
