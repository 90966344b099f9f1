package dev.warden.quarkus.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The web console, under {@code warden.console.*}. The console is on when this jar is on the classpath; these keys
 * tune it.
 *
 * <pre>
 * warden.console.kill-switch-role=security-officer
 * warden.console.live-interval=2s
 * </pre>
 */
@ConfigMapping(prefix = "warden.console")
public interface ConsoleConfig {

    /** Serve the console at {@code /warden}; {@code false} answers 404 on every console path. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The role shown the inventory's kill switch; the console never shows the button to anyone else. Pressing it is
     * carried out only as the inventory's API would: a security officer suspends and resumes, an agent's owner may
     * suspend that agent, nobody else (so this key narrows who sees the switch, it never widens who may use it).
     */
    @WithDefault("security-officer")
    String killSwitchRole();

    /**
     * How often the approvals inbox's live stream (server-sent events) looks for changes in the tenant's pending
     * approvals; a change makes open inboxes reload their list.
     */
    @WithDefault("2s")
    Duration liveInterval();

    /**
     * Set the {@code Secure} attribute on the console's cookies even over plain HTTP (for a TLS-terminating proxy that
     * does not forward the scheme). Over HTTPS they are always {@code Secure}.
     */
    @WithDefault("false")
    boolean secureCookies();
}
