package dev.warden.quarkus.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {
    @Test
    void a_token_matches_only_the_cookie_it_was_issued_with() {
        String token = CsrfTokens.fresh();
        assertThat(CsrfTokens.matches(token, token)).isTrue();
        assertThat(CsrfTokens.matches(token, CsrfTokens.fresh())).isFalse();
        assertThat(CsrfTokens.matches(token, null)).isFalse();
        assertThat(CsrfTokens.matches(null, token)).isFalse();
        assertThat(CsrfTokens.matches("", "")).isFalse();
        assertThat(CsrfTokens.matches("short", "short")).isFalse();
    }

    @Test
    void console_assets_named_in_code_are_on_the_classpath() {
        for (String[] file : ConsoleAssets.FILES.values()) {
            assertThat(ConsoleAssets.class.getClassLoader().getResource(file[0])).as(file[0]).isNotNull();
        }
    }

    @Test
    void only_console_paths_read_the_session_cookie() {
        assertThat(ConsoleSessionMechanism.isConsolePath("/warden")).isTrue();
        assertThat(ConsoleSessionMechanism.isConsolePath("/warden/approvals")).isTrue();
        assertThat(ConsoleSessionMechanism.isConsolePath("/wardenx")).isFalse();
        assertThat(ConsoleSessionMechanism.isConsolePath("/v1/approvals")).isFalse();
    }

    @Test
    void a_datetime_local_field_is_read_as_utc() {
        assertThat(AuditPage.instant("2026-12-05T01:30")).isEqualTo("2026-12-05T01:30:00Z");
        assertThat(AuditPage.instant("2026-12-05T01:30:05")).isEqualTo("2026-12-05T01:30:05Z");
        assertThat(AuditPage.instant("2026-12-05T01:30:05Z")).isEqualTo("2026-12-05T01:30:05Z");
        assertThat(AuditPage.instant(" ")).isNull();
    }
}
