package dev.warden.quarkus.notify;

import java.util.List;

/**
 * One notice to one channel: the unit the outbox stores, a replica claims and a sender delivers.
 *
 * @param id the idempotency key, stable across retries and replicas: {@code <notice id>/<channel>}
 * @param channel {@code webhook:<name>} or {@code mail}
 * @param notice what to say
 * @param recipients e-mail addresses (empty for a webhook)
 */
public record Delivery(String id, String channel, ApprovalNotice notice, List<String> recipients) {
    public static final String MAIL = "mail";
    public static final String WEBHOOK_PREFIX = "webhook:";

    public Delivery {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public static Delivery of(ApprovalNotice notice, String channel, List<String> recipients) {
        return new Delivery(notice.id() + "/" + channel, channel, notice, recipients);
    }
}
