package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Misconfiguration is refused at startup, all problems at once, rather than at the first approval. */
class NotifierSetupTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    static NotifierSetup setup(Map<String, String> props) {
        return setup(props, property -> false);
    }

    static NotifierSetup setup(Map<String, String> props, java.util.function.Predicate<String> packaged) {
        Map<String, String> all = new HashMap<>(props);
        all.putIfAbsent("warden.notify.enabled", "true");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NotifyConfig.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 300)).build();
        return new NotifierSetup(config.getConfigMapping(NotifyConfig.class), packaged, null, Clock.systemUTC());
    }

    @Test
    void an_enabled_webhook_without_a_key_is_refused_with_its_code() {
        NotifierSetup s = setup(Map.of("warden.notify.webhook.ops.url", "https://hooks.bank.example/warden"));
        assertThat(s.problems).singleElement().asString().contains(NotifyCodes.WEBHOOK_KEY_MISSING)
                .contains("warden.notify.webhook.ops.key");
        assertThat(s.channels).isEmpty();
    }

    @Test
    void in_prod_a_key_packaged_in_the_application_is_refused() {
        Map<String, String> props = Map.of("warden.notify.webhook.ops.url", "https://hooks.bank.example/warden",
                "warden.notify.webhook.ops.key", KEY);
        NotifierSetup s = setup(props, "warden.notify.webhook.ops.key"::equals);
        assertThat(s.problems).singleElement().asString().contains("from the jar");
        assertThat(s.channels).isEmpty();
        assertThat(setup(props, property -> false).problems).isEmpty();
    }

    @Test
    void a_disabled_webhook_needs_no_key() {
        NotifierSetup s = setup(Map.of("warden.notify.webhook.ops.url", "https://hooks.bank.example/warden",
                "warden.notify.webhook.ops.enabled", "false"));
        assertThat(s.problems).isEmpty();
    }

    @Test
    void a_short_key_a_bad_url_an_unknown_event_and_an_escalation_without_roles_are_each_reported() {
        NotifierSetup s = setup(Map.of("warden.notify.webhook.ops.url", "ftp://x",
                "warden.notify.webhook.ops.key", Base64.getEncoder().encodeToString(new byte[8]),
                "warden.notify.webhook.ops.events", "requested,approved",
                "warden.notify.escalation.after", "15m", "warden.notify.outbox", "redis"));
        assertThat(s.problems).hasSize(5).anySatisfy(p -> assertThat(p).contains("http(s) URL"))
                .anySatisfy(p -> assertThat(p).contains("at least 32 bytes"))
                .anySatisfy(p -> assertThat(p).contains("unknown event 'approved'"))
                .anySatisfy(p -> assertThat(p).contains("chain names no role"))
                .anySatisfy(p -> assertThat(p).contains("outbox must be"));
    }

    @Test
    void a_well_configured_webhook_becomes_a_channel() {
        NotifierSetup s = setup(Map.of("warden.notify.webhook.ops.url", "https://hooks.bank.example/warden",
                "warden.notify.webhook.ops.key", KEY, "warden.notify.webhook.ops.events", "requested, escalated"));
        assertThat(s.problems).isEmpty();
        assertThat(s.channels).containsOnlyKeys("webhook:ops");
        assertThat(s.webhookEvents.get("ops")).containsExactlyInAnyOrder(ApprovalNotice.Event.REQUESTED,
                ApprovalNotice.Event.ESCALATED);
    }

    @Test
    void mail_without_the_mailer_is_refused() {
        NotifierSetup s = setup(Map.of("warden.notify.mail.enabled", "true"));
        assertThat(s.problems).singleElement().asString().contains("Quarkus Mailer");
    }
}
