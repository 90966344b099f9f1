package dev.warden.quarkus.postgres;

import dev.warden.action.BudgetStore;
import dev.warden.action.JdbcBudgetStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * With {@code warden.budgets.store=postgres} (build time), budgets and rate limits are counted in PostgreSQL
 * ({@code warden_budget_counter}, created by the Warden migrations), so every replica enforces the same limits.
 * Otherwise the starter's in-memory store counts per process.
 */
public class PostgresBudgetStoreProducer {
    @Produces
    @Singleton
    @IfBuildProperty(name = "warden.budgets.store", stringValue = "postgres")
    BudgetStore budgets(DataSource dataSource, Clock clock) {
        JdbcBudgetStore store = new JdbcBudgetStore(dataSource, clock);
        store.createTable(); // idempotent; also part of the Warden migrations (V2)
        return store;
    }
}
