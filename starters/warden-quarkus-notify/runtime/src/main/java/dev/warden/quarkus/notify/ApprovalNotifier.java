package dev.warden.quarkus.notify;

import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.AuditRedaction;
import dev.warden.quarkus.ApprovalDecider;
import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.spi.ApprovalObserver;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import io.quarkus.arc.All;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Approval notifications for a Quarkus service: hears each request and resolution from the agents
 * ({@link ApprovalObserver}), scans the approval store for due escalations and expiry warnings, and sends signed
 * webhooks and e-mails from an outbox — in memory, or in PostgreSQL so that replicas sharing the database send one
 * notification per event. Off unless {@code warden.notify.enabled}; misconfiguration stops the application at startup
 * ({@link NotifyCodes#BAD_CONFIG}, {@link NotifyCodes#WEBHOOK_KEY_MISSING}). A notification never blocks, slows or
 * fails a governed run: the observer methods only hand work to the notifier's own thread.
 */
@Singleton
public class ApprovalNotifier implements ApprovalObserver {
    private static final Logger LOG = Logger.getLogger(ApprovalNotifier.class);

    private final NotifyConfig config;
    private final WardenConfig warden;
    private final SuspendedRunStore store;
    private final Instance<AgentRegistry> registry; // lazily: the registry injects this bean as an observer
    private final List<ApprovalDecider> deciders;
    private final AuditSink audit;
    private final Clock clock;
    private final Instance<ReactiveMailer> mailer;
    private volatile NotificationEngine engine;

    ApprovalNotifier(NotifyConfig config, WardenConfig warden, SuspendedRunStore store, Instance<AgentRegistry> registry,
            @All List<ApprovalDecider> deciders, AuditSink audit, Clock clock, Instance<ReactiveMailer> mailer) {
        this.config = config;
        this.warden = warden;
        this.store = store;
        this.registry = registry;
        this.deciders = deciders;
        this.audit = audit;
        this.clock = clock;
        this.mailer = mailer;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        NotifierSetup setup = new NotifierSetup(config, ConfigUtils.getProfiles().contains("prod")
                ? NotifierSetup::fromTheJar : property -> false,
                config.mail().enabled() && mailer.isResolvable() ? mailer.get() : null, clock);
        NotificationOutbox outbox = setup.problems.isEmpty() ? outbox(setup.problems) : null;
        if (!setup.problems.isEmpty()) {
            throw new IllegalStateException(NotifyCodes.message(NotifyCodes.BAD_CONFIG,
                    "approval notifications are misconfigured:\n  - " + String.join("\n  - ", setup.problems)));
        }
        Deliveries deliveries = new Deliveries(setup.channels, config.retry());
        Routes routes = new Routes(setup.webhookEvents, setup.mailEvents, config.mail().roles(),
                config.mail().anyApprover().orElse(List.of()));
        NoticeFactory notices = new NoticeFactory(config.baseUrl(), config.linkPath(), config.includeArguments(),
                AuditRedaction.of(warden.audit().redactLabels().orElse(List.of())), this::risk);
        DueEvents due = new DueEvents(config.expiringWarning().orElse(null), config.escalation().after().orElse(null),
                config.escalation().chain().orElse(List.of()));
        engine = new NotificationEngine(outbox, notices, routes, deliveries, due, this::pending,
                new NotificationAudit(audit, clock), clock, config.queueCapacity(), lease(deliveries),
                this::askedInDelegatedRun);
        engine.start(config.scanInterval());
        LOG.infof("Warden approval notifications on: %s, outbox %s", setup.channels.keySet(),
                outbox.getClass().getSimpleName());
    }

    void onStop(@Observes ShutdownEvent event) {
        NotificationEngine e = engine;
        if (e != null) {
            e.close();
        }
    }

    @Override
    public void requested(PendingApproval approval) {
        NotificationEngine e = engine;
        if (e != null) {
            e.requested(approval);
        }
    }

    @Override
    public void resolved(PendingApproval approval, ApprovalOutcome outcome) {
        NotificationEngine e = engine;
        if (e != null) {
            e.resolved(approval, outcome);
        }
    }

    /** The engine, once started ({@code null} when notifications are off); for tests and diagnostics. */
    NotificationEngine engine() {
        return engine;
    }

    /**
     * The configured lease, or longer if a delivery with all its retries could outlast it: a lease that ran out
     * mid-send would let another replica send the same notice again.
     */
    private java.time.Duration lease(Deliveries deliveries) {
        java.time.Duration slowest = config.webhook().values().stream().map(NotifyConfig.Webhook::timeout)
                .max(java.util.Comparator.naturalOrder()).orElse(java.time.Duration.ofSeconds(30));
        java.time.Duration needed = deliveries.worstCase(slowest).plusSeconds(10);
        return needed.compareTo(config.lease()) > 0 ? needed : config.lease();
    }

    private List<PendingApproval> pending() {
        return store.pending(null).stream().filter(p -> deciders.stream().allMatch(d -> d.lists(p))).toList();
    }

    /**
     * A confirmation whose run is a delegated one: its caller's run may relay it (decision 0039). A store that cannot
     * answer says no: the question is then notified at once (a second notice rather than none).
     */
    private boolean askedInDelegatedRun(PendingApproval p) {
        if (!p.isConfirmation() || p.relay() != null) {
            return false;
        }
        try {
            return store.find(p.approvalId()).map(r -> !r.context().chain().isEmpty()).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String risk(PendingApproval p) {
        return registry.get().find(p.agentId()).flatMap(a -> a.agent().toolRegistry().descriptor(p.toolName()))
                .map(d -> d.risk() == null ? null : d.risk().name()).orElse(null);
    }

    private NotificationOutbox outbox(List<String> problems) {
        String kind = config.outbox();
        if ("auto".equals(kind)) {
            String approvals = warden.approvals().store();
            approvals = "auto".equals(approvals) ? warden.audit().store() : approvals;
            kind = "postgres".equals(approvals) ? "postgres" : "memory";
        }
        if ("memory".equals(kind)) {
            return new InMemoryNotificationOutbox(config.queueCapacity(), clock);
        }
        try {
            return PostgresOutboxes.open();
        } catch (LinkageError | RuntimeException e) {
            problems.add("warden.notify.outbox=postgres needs warden-quarkus-postgres and its datasource: " + e);
            return null;
        }
    }
}
