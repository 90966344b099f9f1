package dev.warden.samples.crm;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Evaluates the SQL rule once at startup, off the record. The first {@code sql.kind} call loads and initialises the
 * SQL parser, which on a cold JVM takes longer than the action-boundary plane's 250 ms time budget; Warden then
 * (rightly) fails closed and the analyst's first query of the day would be refused. Warming up here keeps fail-closed
 * for real time-outs without that first-call surprise. Nothing is audited: the engine is asked directly, not the
 * governor.
 */
@Singleton
class SqlPolicyWarmUp {
    private static final Logger LOG = Logger.getLogger(SqlPolicyWarmUp.class);

    void onStart(@Observes @Priority(30) StartupEvent event, PolicyEngine engine) {
        long start = System.nanoTime();
        GovernanceContext ctx = GovernanceContext.of(
                new Principal("warm-up", Principal.DEFAULT_TENANT, Set.of(), Map.of()),
                new AgentIdentity("crm-analyst", "warm-up", "sales-operations"));
        ToolDescriptor sql = ToolDescriptor.named("sql.query", Effect.READ);
        for (String statement : new String[] {"SELECT name FROM customers WHERE tier = 'gold' ORDER BY id",
                "SELECT 1; DROP TABLE customers", "DELETE FROM customers WHERE id = 1"}) {
            Decision d = engine.evaluate("action-boundary", CheckpointRequest.toolCall(0, sql, "warm-up",
                    Map.of("query", statement)), ctx);
            LOG.debugf("warm-up %s -> %s", statement, d);
        }
        LOG.infof("SQL policy warmed up in %d ms", (System.nanoTime() - start) / 1_000_000);
    }
}
