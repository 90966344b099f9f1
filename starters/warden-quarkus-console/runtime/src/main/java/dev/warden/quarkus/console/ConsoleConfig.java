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
     * The role that may press the inventory's kill switch (suspend or resume an agent or tool). The inventory module
     * applies its own checks too; the console never shows the button to anyone else.
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
