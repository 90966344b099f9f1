package dev.warden.quarkus.notify;

import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Reads {@code warden.notify.*} into channels and routes, refusing — at startup, all problems at once — what would
 * otherwise fail at the first approval: an enabled webhook with no URL or no key, a key too short or, in the prod
 * profile, shipped inside the application (a key from the jar's {@code application.properties} is known to everyone
 * who has the jar), an escalation delay with no chain, an unknown event or outbox.
 */
final class NotifierSetup {
    /** Config ordinal of the application's own {@code application.properties} on the classpath (inside the jar). */
    static final int CLASSPATH_ORDINAL = 250;

    final Map<String, Function<Delivery, Uni<Void>>> channels = new LinkedHashMap<>();
    final Map<String, Set<ApprovalNotice.Event>> webhookEvents = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    Set<ApprovalNotice.Event> mailEvents;

    private final java.util.function.Predicate<String> packaged;

    /**
     * @param packaged whether a property's value comes from inside the application (checked for keys in the prod
     *     profile: {@link #fromTheJar}; elsewhere nothing is refused for it)
     */
    NotifierSetup(NotifyConfig config, java.util.function.Predicate<String> packaged, ReactiveMailer mailer,
            Clock clock) {
        this.packaged = packaged;
        HttpClient client = null;
        for (Map.Entry<String, NotifyConfig.Webhook> e : config.webhook().entrySet()) {
            String name = e.getKey();
            NotifyConfig.Webhook w = e.getValue();
            if (!w.enabled()) {
                continue;
            }
            String prefix = "warden.notify.webhook." + name + ".";
            URI url = url(w, prefix);
            WebhookSignature key = key(w, prefix);
            Set<ApprovalNotice.Event> events = events(w.events().orElse(List.of()), prefix + "events");
            if (url == null || key == null) {
                continue;
            }
            if (client == null) {
                client = HttpClient.newBuilder().connectTimeout(w.timeout()).version(HttpClient.Version.HTTP_1_1)
                        .build();
            }
            WebhookSender sender = new WebhookSender(name, url, w.keyId(), key, w.timeout(), client, clock);
            channels.put(sender.channel(), sender::send);
            webhookEvents.put(name, events);
        }
        if (config.mail().enabled()) {
            if (mailer == null) {
                problems.add("warden.notify.mail.enabled needs Quarkus Mailer (quarkus-mailer)");
            } else {
                MailSender mail = new MailSender(mailer, config.mail().subjectPrefix());
                channels.put(Delivery.MAIL, mail::send);
            }
            mailEvents = events(config.mail().events().orElse(List.of()), "warden.notify.mail.events");
        }
        Duration after = config.escalation().after().orElse(null);
        if (after != null && (after.isNegative() || after.isZero())) {
            problems.add("warden.notify.escalation.after must be positive");
        }
        if (after != null && config.escalation().chain().orElse(List.of()).isEmpty()) {
            problems.add("warden.notify.escalation.after is set but warden.notify.escalation.chain names no role");
        }
        if (!List.of("auto", "memory", "postgres").contains(config.outbox())) {
            problems.add("warden.notify.outbox must be auto, memory or postgres, not '" + config.outbox() + "'");
        }
    }

    private URI url(NotifyConfig.Webhook w, String prefix) {
        String text = w.url().filter(u -> !u.isBlank()).orElse(null);
        if (text == null) {
            problems.add(prefix + "url is missing");
            return null;
        }
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                problems.add(prefix + "url must be an http(s) URL: " + text);
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(prefix + "url is not a URL: " + e.getMessage());
            return null;
        }
    }

    private WebhookSignature key(NotifyConfig.Webhook w, String prefix) {
        String key = w.key().filter(k -> !k.isBlank()).orElse(null);
        if (key == null) {
            problems.add(NotifyCodes.WEBHOOK_KEY_MISSING + " " + prefix + "key is missing: webhooks are always signed;"
                    + " give the key from a secret (environment WARDEN_NOTIFY_WEBHOOK_<NAME>_KEY, base64, e.g."
                    + " `openssl rand -base64 32`) or disable the webhook");
            return null;
        }
        if (packaged.test(prefix + "key")) {
            problems.add(prefix + "key comes from the application's own application.properties, i.e. from the jar:"
                    + " give it from a secret (environment, a mounted config/application.properties, a vault)");
            return null;
        }
        try {
            return WebhookSignature.ofBase64(key);
        } catch (IllegalArgumentException e) {
            problems.add(prefix + "key: " + e.getMessage());
            return null;
        }
    }

    /** Whether the value of {@code property} comes from a source packaged with the application. */
    static boolean fromTheJar(String property) {
        ConfigValue v = ConfigProvider.getConfig().getConfigValue(property);
        return v != null && v.getValue() != null && v.getSourceOrdinal() <= CLASSPATH_ORDINAL;
    }

    private Set<ApprovalNotice.Event> events(List<String> names, String property) {
        Set<ApprovalNotice.Event> out = EnumSet.noneOf(ApprovalNotice.Event.class);
        for (String n : names) {
            try {
                out.add(ApprovalNotice.Event.valueOf(n.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(property + ": unknown event '" + n + "' (requested, escalated, expiring, decided,"
                        + " expired)");
            }
        }
        return out;
    }
}
