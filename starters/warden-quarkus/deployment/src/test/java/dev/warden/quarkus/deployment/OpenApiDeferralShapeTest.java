package dev.warden.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rewrite of decision 0063 silently stands down when Quarkus' {@code OpenApiDocumentService} changes shape; this
 * makes an upgrade say so. When it fails: check whether the new Quarkus prepares documents lazily itself
 * (quarkus#55538) and, if so, remove {@link OpenApiDeferralProcessor}; otherwise adapt it to the new methods.
 */
class OpenApiDeferralShapeTest {
    @Test
    void the_quarkus_release_in_use_has_the_methods_the_rewrite_renames() {
        assertThat(OpenApiDeferralProcessor.expectedShape()).isTrue();
    }
}
