package dev.warden.quarkus.test.devmode;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.quarkus.runtime.PolicyLoader;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/** Test-only endpoint of the dev-mode app: what the live engine decides for a transfer, and pending rejections. */
@Path("/probe")
public class PolicyProbe {
    @Inject
    PolicyEngine engine;
    @Inject
    PolicyLoader loader;

    @GET
    @Path("/transfer")
    public String transfer(@QueryParam("to") String recipient) {
        ToolDescriptor send = ToolDescriptor.named("send_money", Effect.FINANCIAL, Effect.WRITE);
        Decision d = engine.evaluate("action-boundary", CheckpointRequest.toolCall(1, send, "c1",
                Map.of("recipient", recipient, "amount", 5.0)),
                GovernanceContext.of(Principal.of("alice", "customer"), AgentIdentity.of("teller")));
        return d.toString();
    }

    @GET
    @Path("/rejected")
    public String rejected() {
        return loader.rejected().toString();
    }
}
