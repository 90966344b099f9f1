/**
 * Approval notifications for the Warden Quarkus extension: signed webhooks and e-mail when a call waits for a human,
 * is about to expire, is escalated, decided or expires; see {@code docs/notifications.md}.
 *
 * <p>Public and kept compatible: {@link dev.warden.quarkus.notify.NotifyConfig} (the {@code warden.notify.*} keys),
 * {@link dev.warden.quarkus.notify.NotifyCodes}, {@link dev.warden.quarkus.notify.ApprovalNotice} (the webhook body),
 * {@link dev.warden.quarkus.notify.WebhookSignature} (for receivers) and the outbox contract
 * {@link dev.warden.quarkus.notify.NotificationOutbox}. Everything package-private may change without notice.
 */
package dev.warden.quarkus.notify;
