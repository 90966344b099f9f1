package dev.warden.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.e2e.SampleProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key faults at startup, on the packaged banking-assistant: the prod profile never starts with a key anyone can sign
 * with (the demo-only pair, a formerly bundled dev key) or with none, and a configured key file that is missing stops
 * any profile — a non-zero exit and the reason in the log, never a service that is UP and answers 500.
 */
class StartupKeyFaultsE2ETest {
    static final Path JAR = Path.of(System.getProperty("warden.sample.jar"));
    static final Path WORK = Path.of("target", "e2e-faults", "startup-keys");
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static SampleProcess.Exit start(String name, String... properties) throws Exception {
        Path dir = WORK.resolve(name);
        return SampleProcess.runToExit(JAR, dir, List.of(properties), TIMEOUT);
    }

    @Test
    void prod_profile_refuses_to_start_with_the_samples_demo_key() throws Exception {
        SampleProcess.Exit exit = start("prod-demo-key", "-Dquarkus.profile=prod");
        assertThat(exit.code()).isNotZero();
        assertThat(exit.log()).contains("WARDEN-API-0121").contains("demo-only-public.pem")
                .contains("mp.jwt.verify.publickey.location");
    }

    @Test
    void prod_profile_refuses_to_start_without_a_verification_key() throws Exception {
        SampleProcess.Exit exit = start("prod-no-key", "-Dquarkus.profile=prod", "-Dmp.jwt.verify.publickey.location=");
        assertThat(exit.code()).isNotZero();
        // Blanking the sample's key location is refused by SmallRye Config itself before Warden's check runs
        // (WARDEN-API-0120 is VerificationKeyCheckTest's); either way the start fails and names the key to set.
        assertThat(exit.log()).containsAnyOf("WARDEN-API-0120", "Failed to load config value")
                .contains("mp.jwt.verify.publickey.location");
    }

    @Test
    void prod_profile_refuses_the_formerly_bundled_dev_key() throws Exception {
        Path key = WORK.resolve("formerly-bundled-dev-public.pem");
        Files.createDirectories(WORK);
        try (InputStream in = getClass().getResourceAsStream("/faults/formerly-bundled-dev-public.pem")) {
            Files.copy(in, key, StandardCopyOption.REPLACE_EXISTING);
        }
        SampleProcess.Exit exit = start("prod-published-key", "-Dquarkus.profile=prod",
                "-Dmp.jwt.verify.publickey.location=file:" + key.toAbsolutePath());
        assertThat(exit.code()).isNotZero();
        assertThat(exit.log()).contains("WARDEN-API-0121").contains("private half is public");
    }

    @Test
    void a_missing_key_file_stops_the_start_instead_of_failing_every_request() throws Exception {
        SampleProcess.Exit exit = start("missing-key", "-Dquarkus.profile=demo",
                "-Dmp.jwt.verify.publickey.location=file:" + WORK.toAbsolutePath().resolve("no-such/issuer.pem"));
        assertThat(exit.code()).isNotZero();
        assertThat(exit.log()).contains("WARDEN-API-0122").contains("issuer.pem").contains("cannot be read");
    }

    /** H2: nothing the prod profile runs contains a private key (all three samples, Warden's own jars). */
    @Test
    void packaged_samples_carry_no_private_key() throws IOException {
        Path samples = Path.of(System.getProperty("warden.samples.dir"));
        for (String sample : List.of("banking-assistant", "crm-analyst", "research-team")) {
            Path app = samples.resolve(sample).resolve("target/quarkus-app");
            assertThat(app).as("packaged " + sample).isDirectory();
            assertThat(PackagedKeys.privateKeysIn(app)).as(sample).isEmpty();
        }
    }
}
