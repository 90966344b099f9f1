package dev.warden.quarkus.runtime;

import dev.warden.core.Governor;
import dev.warden.core.agent.FileSuspendedRunStore;
import dev.warden.core.agent.InMemorySuspendedRunStore;
import dev.warden.core.audit.AuditLogExporter;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.telemetry.WardenTelemetry;
import dev.warden.policy.PolicyEngine;
import dev.warden.quarkus.ApprovalStoreProvider;
import dev.warden.quarkus.AuditStoreProvider;
import dev.warden.quarkus.WardenConfig;
import dev.warden.spi.AuditSink;
import dev.warden.spi.DecisionObserver;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.SuspendedRunStore;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.All;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The framework's singletons as CDI beans. Every one is a {@link DefaultBean}: an application or plugin that
 * produces its own {@code AuditSink}, {@code SuspendedRunStore} or {@code Clock} replaces Warden's.
 */
public class WardenProducers {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @DefaultBean
    AuditSink auditSink(WardenConfig config, @All List<AuditStoreProvider> providers) {
        String store = config.audit().store();
        switch (store) {
            case "jsonl":
                return JsonlHeadKeys.open(config.audit(), io.quarkus.runtime.configuration.ConfigUtils.getProfiles());
            case "memory":
                return new InMemoryAuditSink();
            default:
                return providers.stream().filter(p -> p.store().equals(store)).findFirst()
                        .map(AuditStoreProvider::create)
                        .orElseThrow(() -> new IllegalStateException("warden.audit.store: no store '" + store
                                + "' (built in: jsonl, memory; provided: " + providers.stream()
                                        .map(AuditStoreProvider::store).toList()
                                + "; postgres needs the warden-quarkus-postgres dependency)"));
        }
    }

    void closeAuditSink(@Disposes AuditSink sink) {
        sink.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    SuspendedRunStore suspendedRunStore(WardenConfig config, @All List<ApprovalStoreProvider> providers) {
        String store = config.approvals().store();
        if ("auto".equals(store)) {
            store = config.audit().store();
        }
        if ("jsonl".equals(store) || "file".equals(store)) {
            Path dir = config.approvals().fileDirectory().map(Path::of).orElseGet(() -> {
                Path audit = Path.of(config.audit().jsonlPath()).toAbsolutePath();
                return audit.getParent().resolve("approvals");
            });
            return new FileSuspendedRunStore(dir);
        }
        if ("memory".equals(store)) {
            return new InMemorySuspendedRunStore();
        }
        String wanted = store;
        return providers.stream().filter(p -> p.store().equals(wanted)).findFirst()
                .map(ApprovalStoreProvider::create)
                .orElseThrow(() -> new IllegalStateException("warden.approvals.store: no store '" + wanted
                        + "' (built in: auto, file, memory; provided: " + providers.stream()
                                .map(ApprovalStoreProvider::store).toList() + ")"));
    }

    @Produces
    @Singleton
    WardenTelemetry telemetry(Instance<OpenTelemetry> openTelemetry, WardenConfig config) {
        return openTelemetry.isResolvable()
                ? new WardenTelemetry(openTelemetry.get(), config.telemetry().captureContent(),
                        config.telemetry().modelSpans())
                : WardenTelemetry.noop();
    }

    /**
     * The engine every plane evaluates its YAML rules with. Plugin planes are registered with it (their names, and
     * the rule vocabulary of those that take YAML rules), so {@code plane: <plugin>} loads. Application-scoped: the
     * planes it reads inject it themselves (through its client proxy).
     */
    @Produces
    @ApplicationScoped
    PolicyEngine policyEngine(Clock clock, WardenConfig config, @All List<PolicyPlane> planes,
            @All List<dev.warden.policy.PolicyDataSet> dataSets) {
        WardenConfig.ParseBudget sql = config.sql().parseBudget(); // before any rule analyses SQL
        dev.warden.policy.sql.SqlParseBudget.configure(new dev.warden.policy.sql.SqlParseBudget(sql.maxTokens(),
                sql.maxSteps()));
        PolicyEngine.Builder b = PolicyEngine.builder().clock(clock).planes(planes)
                .precompiled(PrecompiledPolicyForms.load());
        ConfiguredDataSets.from(config.policy()).forEach(b::dataSet);
        dataSets.forEach(b::dataSet);
        return b.build();
    }

    @Produces
    @Singleton
    Governor governor(@All List<PolicyPlane> planes, @All List<DecisionObserver> observers, AuditSink sink,
            WardenTelemetry telemetry, Clock clock, WardenConfig config, OpenTelemetry openTelemetry,
            AuditAppendHealth appendHealth, UngovernedBenchmark benchmark) {
        if (benchmark.requested()) {
            return benchmark.governor(telemetry, clock); // refused in prod; load-harness baseline only
        }
        // the Governor is the only writer of the trail: mirroring here covers every sink, provided or custom
        AuditSink written = appendHealth.watching(mirrorsToLogs(config.audit().otelLogs(),
                org.eclipse.microprofile.config.ConfigProvider.getConfig())
                        ? new AuditLogExporter(openTelemetry).mirroring(sink) : sink);
        Governor.Builder b = Governor.builder().planes(planes).auditSink(written).telemetry(telemetry).clock(clock)
                .captureArguments(config.audit().captureArguments())
                .auditRedaction(dev.warden.core.audit.AuditRedaction.of(
                        config.audit().redactLabels().orElse(List.of())))
                .reportAllowDecisions(config.audit().reportAllows())
                .auditDurability(config.audit().durability());
        observers.forEach(b::observer);
        return b.build();
    }

    /**
     * Whether decision records are mirrored to OpenTelemetry logs: asked for ({@code warden.audit.otel-logs}) and
     * something can export them (the SDK is not disabled and the logs signal is built in). With nothing to export to,
     * mirroring would serialise every record a second time on the request path for a no-op logger (issue 17: a sixth
     * of the governed service's CPU under load).
     */
    static boolean mirrorsToLogs(boolean otelLogs, org.eclipse.microprofile.config.Config mp) {
        return otelLogs && !mp.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class).orElse(false)
                && mp.getOptionalValue("quarkus.otel.logs.enabled", Boolean.class).orElse(false);
    }
}
