package dev.warden.plane.external;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import dev.warden.tck.PlaneTck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The external decision plane against the plane contract, asking a real AuthZEN server over loopback HTTP; the failing
 * plane asks a PDP that answers 503.
 */
class ExternalDecisionPlaneTckTest extends PlaneTck {
    static final AuthZenServer PDP = start();
    static final AuthZenServer DOWN = start();

    static {
        DOWN.answer(req -> new AuthZenServer.Reply(503, "{\"error\":\"maintenance\"}", 0));
    }

    private static AuthZenServer start() {
        try {
            return new AuthZenServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        PDP.close();
        DOWN.close();
    }

    @Override
    protected PolicyPlane newPlane() {
        return ExternalDecisionPlane.builder(PDP.base()).timeout(Duration.ofSeconds(2)).build();
    }

    @Override
    protected PolicyPlane failingPlane() {
        return ExternalDecisionPlane.builder(DOWN.base()).timeout(Duration.ofSeconds(2)).build();
    }

    @Override
    protected CheckpointRequest request() {
        return ExternalDecisionPlaneTest.call("send_money", Map.of("amount", 100));
    }

    @Override
    protected GovernanceContext context() {
        return ExternalDecisionPlaneTest.ctx("alice", "customer");
    }
}
