package dev.warden.quarkus.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approval notifications, under {@code warden.notify.*}: who hears that a call waits for a human, that the wait is
 * about to end, was escalated, or ended — by signed webhook and by e-mail. Off unless {@code warden.notify.enabled}.
 */
@ConfigMapping(prefix = "warden.notify")
public interface NotifyConfig {

    /** Send notifications at all. Off: nothing is scanned, queued or sent. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Where the console serves approvals; a notice links to {@code base-url} + {@code link-path} with {@code {id}}
     * replaced by the approval (or confirmation) id.
     */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** The console page of one approval, {@code {id}} standing for its id. */
    @WithDefault("/warden/approvals/{id}")
    String linkPath();

    /**
     * Where notifications wait to be sent: {@code memory} (this process only), {@code postgres} (shared by replicas:
     * one notification per event however many replicas run; needs warden-quarkus-postgres), or {@code auto}
     * ({@code postgres} when {@code warden.approvals.store} is {@code postgres}, else {@code memory}).
     */
    @WithDefault("auto")
    String outbox();

    /** Most notifications waiting in this process's hand-off queue; more are dropped (logged), never blocking a run. */
    @WithDefault("1000")
    int queueCapacity();

    /**
     * How often pending approvals are scanned for due escalations and expiry warnings, and the shared outbox for
     * notifications to send.
     */
    @WithDefault("5s")
    Duration scanInterval();

    /**
     * How long before an approval expires the approvers are warned that it is about to; none when absent. Only sent
     * for approvals whose lifetime is longer than this.
     */
    Optional<Duration> expiringWarning();

    /**
     * Include argument values in notices. Off (default): argument names only. On: values, except SECRET arguments and
     * every value of a call whose run had seen data carrying a label listed in {@code warden.audit.redact-labels}
     * (the audit's redaction setting, reused) — those stay names only.
     */
    @WithDefault("false")
    boolean includeArguments();

    /**
     * How long a claimed notification is reserved for the replica sending it before another may send it again; raised
     * automatically to cover a delivery with all its retries.
     */
    @WithDefault("2m")
    Duration lease();

    /** Signed webhooks, by name. */
    Map<String, Webhook> webhook();

    /** E-mail to the approver roles' addresses. */
    Mail mail();

    /** Re-notification of undecided approvals to further roles. */
    Escalation escalation();

    /** Retries of a failed delivery: exponential back-off with jitter. */
    Retry retry();

    interface Webhook {
        /** Whether this webhook receives notices. */
        @WithDefault("true")
        boolean enabled();

        /** The receiver's URL ({@code https://…}; {@code http://} is accepted for local receivers). */
        Optional<String> url();

        /**
         * The signing key, base64 (an optional {@code whsec_} prefix is ignored), at least 32 bytes decoded. Give it
         * from a secret ({@code ${WARDEN_WEBHOOK_KEY}}); there is no default, and an enabled webhook without a key
         * stops the application at startup.
         */
        Optional<String> key();

        /** Sent as {@code Warden-Key-Id} so the receiver can pick the key (rotation). */
        @WithDefault("default")
        String keyId();

        /** Longest wait for the receiver's answer, per attempt. */
        @WithDefault("5s")
        Duration timeout();

        /** Events sent to this webhook ({@code requested, escalated, expiring, decided, expired}); all when empty. */
        Optional<List<String>> events();
    }

    interface Mail {
        /** Send e-mail (through Quarkus Mailer: configure {@code quarkus.mailer.*}). */
        @WithDefault("false")
        boolean enabled();

        /** Addresses of each role, by role name: {@code warden.notify.mail.roles.manager=ops@bank.example}. */
        Map<String, List<String>> roles();

        /** Addresses for approvals that name no approver role (anyone but the requester may approve them). */
        Optional<List<String>> anyApprover();

        /** Events mailed ({@code requested, escalated, expiring, decided, expired}); all when empty. */
        Optional<List<String>> events();

        /** Subject prefix. */
        @WithDefault("[Warden]")
        String subjectPrefix();
    }

    interface Escalation {
        /** Time from the request to the first escalation, and between later ones; no escalation when absent. */
        Optional<Duration> after();

        /** The roles notified at each escalation, in order: the n-th escalation goes to the n-th role. */
        Optional<List<String>> chain();
    }

    interface Retry {
        /** Attempts after the first one. */
        @WithDefault("4")
        int maxRetries();

        /** Wait before the first retry; doubles on each one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between retries. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Random share of each wait (0 to 1), so replicas and receivers are not hit in step. */
        @WithDefault("0.2")
        double jitter();
    }
}
