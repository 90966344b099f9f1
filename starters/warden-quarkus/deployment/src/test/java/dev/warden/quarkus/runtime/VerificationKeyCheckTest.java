package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.spi.DeploymentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2 / L2: which token verification keys a service may start with, by profile. */
class VerificationKeyCheckTest {
    @TempDir
    Path tmp;

    private Path demoDir() {
        return tmp.resolve("warden-dev-keys");
    }

    private void check(boolean prod, String location) {
        VerificationKeyCheck.check(prod, Optional.ofNullable(location), Optional.empty(), false, demoDir());
    }

    /** An operator's own key: a fresh pair written under a neutral name outside the demo directory. */
    private String ownKey() throws IOException {
        Path dir = tmp.resolve("operator");
        DemoKeyPair.ensure(dir);
        Path own = Files.move(dir.resolve(DemoKeyPair.PUBLIC_FILE), tmp.resolve("issuer-public.pem"));
        return "file:" + own;
    }

    @Test
    void prod_refuses_to_start_without_a_verification_key() {
        assertThatThrownBy(() -> check(true, null)).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("WARDEN-API-0120").hasMessageContaining("mp.jwt.verify.publickey.location");
    }

    @Test
    void prod_refuses_to_start_with_the_generated_demo_key() {
        DemoKeyPair.ensure(demoDir());
        assertThatThrownBy(() -> check(true, "file:" + demoDir().resolve(DemoKeyPair.PUBLIC_FILE)))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("WARDEN-API-0121")
                .hasMessageContaining("demo-only");
    }

    @Test
    void prod_refuses_a_demo_only_key_file_wherever_it_lies() throws IOException {
        Path copy = Files.copy(Path.of(ownKey().substring(5)), tmp.resolve(DemoKeyPair.PUBLIC_FILE));
        assertThatThrownBy(() -> check(true, "file:" + copy)).hasMessageContaining("WARDEN-API-0121");
    }

    @Test
    void prod_refuses_a_development_key_whose_private_half_is_published() {
        assertThatThrownBy(() -> check(true, "dev-keys/test-only-public.pem"))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("WARDEN-API-0121")
                .hasMessageContaining("private half is public");
    }

    @Test
    void prod_starts_with_its_own_key_or_a_jwks_url() throws IOException {
        String own = ownKey();
        assertThatCode(() -> check(true, own)).doesNotThrowAnyException();
        assertThatCode(() -> check(true, "https://idp.example/jwks")).doesNotThrowAnyException();
    }

    @Test
    void non_prod_profiles_may_use_the_demo_and_test_keys() {
        DemoKeyPair.ensure(demoDir());
        assertThatCode(() -> check(false, "file:" + demoDir().resolve(DemoKeyPair.PUBLIC_FILE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(false, "dev-keys/test-only-public.pem")).doesNotThrowAnyException();
        assertThatCode(() -> check(false, null)).doesNotThrowAnyException();
    }

    @Test
    void a_missing_key_file_stops_the_start_in_every_profile() {
        for (boolean prod : new boolean[] {true, false}) {
            assertThatThrownBy(() -> check(prod, "file:" + tmp.resolve("nowhere.pem")))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("WARDEN-API-0122")
                    .hasMessageContaining("nowhere.pem");
        }
    }

    @Test
    void a_key_file_holding_no_public_key_stops_the_start() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a key");
        assertThatThrownBy(() -> check(false, "file:" + junk)).hasMessageContaining("WARDEN-API-0122");
    }

    @Test
    void demo_key_pair_is_generated_once_and_reused_across_starts() throws IOException {
        assertThat(DemoKeyPair.ensure(demoDir())).isTrue();
        String first = Files.readString(demoDir().resolve(DemoKeyPair.PRIVATE_FILE));
        assertThat(DemoKeyPair.ensure(demoDir())).isFalse();
        assertThat(Files.readString(demoDir().resolve(DemoKeyPair.PRIVATE_FILE))).isEqualTo(first);
        assertThat(VerificationKeyCheck.keys(Files.readString(demoDir().resolve(DemoKeyPair.PUBLIC_FILE)), "demo"))
                .hasSize(1);
    }
}
