package dev.warden.quarkus.delegation;

import dev.warden.delegation.token.FileReplayStore;
import dev.warden.delegation.token.JdbcReplayStore;
import dev.warden.delegation.token.ReplayCache;
import dev.warden.delegation.token.ReplayStore;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The {@link ReplayStore} of inbound delegations, chosen by {@code warden.delegation.replay.store} (see
 * {@link DelegationConfig.Replay#store()}). Built at startup, so a misconfiguration stops the application
 * ({@link DelegationStartupCodes#BAD_REPLAY_STORE}); a store that fails later refuses tokens, never accepts them.
 */
public class ReplayStoreProducer {
    private static final Logger LOG = Logger.getLogger(ReplayStoreProducer.class);

    @Produces
    @Singleton
    @Startup
    ReplayStore replayStore(DelegationConfig config, WardenConfig warden, Clock clock,
            Instance<DataSource> dataSource) {
        return create(config.replay(), warden.audit().store(), warden.audit().jsonlPath(), clock,
                () -> dataSource.isResolvable() ? dataSource.get() : null);
    }

    /** The store for these settings; {@code dataSource} is asked only for {@code postgres}, and may give null. */
    static ReplayStore create(DelegationConfig.Replay replay, String auditStore, String auditJsonlPath, Clock clock,
            Supplier<DataSource> dataSource) {
        String store = replay.store();
        if ("auto".equals(store)) {
            store = "jsonl".equals(auditStore) ? "file" : auditStore;
        }
        switch (store) {
            case "memory" -> {
                LOG.warn("Warden delegation: replay store 'memory' forgets used context tokens on restart and is not "
                        + "shared by replicas; use 'file' or 'postgres' outside tests");
                return new ReplayCache(clock, replay.capacity());
            }
            case "file" -> {
                Path file = replay.path().orElseGet(() -> Path.of(auditJsonlPath).toAbsolutePath().getParent()
                        .resolve("delegation-replay.log"));
                try {
                    return new FileReplayStore(file, clock, replay.capacity());
                } catch (IllegalArgumentException e) {
                    throw bad("warden.delegation.replay.path: " + e.getMessage());
                }
            }
            case "postgres" -> {
                DataSource ds;
                try {
                    ds = dataSource.get();
                } catch (RuntimeException e) { // e.g. a datasource bean that is not configured (inactive)
                    ds = null;
                }
                if (ds == null) {
                    throw bad("warden.delegation.replay.store=postgres needs a JDBC datasource "
                            + "(quarkus.datasource.jdbc.url and the warden-quarkus-postgres dependency)");
                }
                String schema = ConfigProvider.getConfig().getOptionalValue("warden.postgres.schema", String.class)
                        .orElse("public");
                try {
                    return new JdbcReplayStore(ds, schema, clock, replay.timeout());
                } catch (IllegalArgumentException e) {
                    throw bad("warden.postgres.schema: " + e.getMessage());
                }
            }
            default -> throw bad("warden.delegation.replay.store: no store '" + store + "'" + ("auto".equals(
                    replay.store()) ? " (auto follows warden.audit.store)" : "") + "; use auto, file, postgres or "
                    + "memory");
        }
    }

    private static IllegalStateException bad(String message) {
        return new IllegalStateException(DelegationStartupCodes.BAD_REPLAY_STORE + " " + message);
    }
}
