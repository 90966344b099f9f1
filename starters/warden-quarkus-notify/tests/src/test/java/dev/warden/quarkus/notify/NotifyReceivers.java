package dev.warden.quarkus.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real SMTP server (GreenMail) and a webhook receiver over real HTTP, started before the application, with the
 * application's mailer and webhook pointed at them, and the application's datasource at the local PostgreSQL (the
 * approvals and the notification outbox live there, as with replicas). The test gets the GreenMail server and the received webhooks.
 */
public class NotifyReceivers implements QuarkusTestResourceLifecycleManager {
    static final String KEY = Base64.getEncoder().encodeToString("receivers-test-key-32-bytes-long".getBytes());
    private GreenMail mail;
    private WebhookReceiver hooks;

    @Override
    public Map<String, String> start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try {
            hooks = new WebhookReceiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new java.util.HashMap<>(
                dev.warden.testing.postgres.LocalPostgres.shared().quarkusDatasourceProperties());
        config.remove("quarkus.datasource.db-kind"); // build time: fixed in application.properties
        config.putAll(Map.of("quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()),
                "warden.notify.webhook.ops.url", hooks.url(),
                "warden.notify.webhook.ops.key", KEY,
                "warden.notify.webhook.ops.key-id", "ops-2026"));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(mail, new TestInjector.MatchesType(GreenMail.class));
        injector.injectIntoFields(hooks.received, new TestInjector.MatchesType(LinkedBlockingQueue.class));
    }

    @Override
    public void stop() {
        if (hooks != null) {
            hooks.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }
}
