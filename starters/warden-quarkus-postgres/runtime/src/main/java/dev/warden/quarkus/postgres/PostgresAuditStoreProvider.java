package dev.warden.quarkus.postgres;

import dev.warden.quarkus.AuditStoreProvider;
import dev.warden.spi.AuditSink;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.util.Base64;

/** Answers {@code warden.audit.store=postgres} with a {@link PostgresAuditStore} on the default reactive datasource. */
@Singleton
public class PostgresAuditStoreProvider implements AuditStoreProvider {
    private static final System.Logger LOG = System.getLogger(PostgresAuditStoreProvider.class.getName());
    private final PostgresStores stores;
    private final PostgresAuditConfig audit;

    @Inject
    public PostgresAuditStoreProvider(PostgresStores stores, PostgresAuditConfig audit) {
        this.stores = stores;
        this.audit = audit;
    }

    @Override
    public String store() {
        return PostgresStores.NAME;
    }

    @Override
    public AuditSink create() {
        Pool pool = stores.migratedPool();
        byte[] key = audit.headKey().map(PostgresAuditStoreProvider::decodeKey).orElse(null);
        if (key == null) {
            LOG.log(Level.WARNING, "warden.audit.postgres.head-key is not set: chain heads are unsigned, so cutting"
                    + " the newest records together with the head row would not be detected");
        }
        AuditStoreOptions options = new AuditStoreOptions(stores.config().schema(),
                AuditDurability.parse(audit.durability()), audit.queueCapacity(), audit.maxBatch(),
                audit.appendTimeout(), key);
        return new PostgresAuditStore(pool, options);
    }

    private static byte[] decodeKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "warden.audit.postgres.head-key is not valid base64"), e);
        }
    }
}
