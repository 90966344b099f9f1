package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.GovernanceContext;
import dev.warden.delegation.remote.RemoteAgentClient;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

/** How an endpoint names its transport for the agent inventory's edges. */
class EndpointTransportTest {
    /** Named as another transport's endpoint would be (e.g. the A2A module's). */
    static final class A2aDelegateEndpoint implements AgentEndpoint {
        @Override
        public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
            return Uni.createFrom().nullItem();
        }
    }

    static final class GrpcEndpoint implements AgentEndpoint {
        @Override
        public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
            return Uni.createFrom().nullItem();
        }
    }

    @Test
    void another_transport_is_named_after_its_endpoint_class() {
        assertThat(new A2aDelegateEndpoint().transport()).isEqualTo("a2a");
        assertThat(new GrpcEndpoint().transport()).isEqualTo("grpc");
    }

    @Test
    void warden_transports_name_themselves() throws Exception {
        assertThat(RemoteAgentClient.class.getMethod("transport").getDeclaringClass()).isEqualTo(
                RemoteAgentClient.class);
        assertThat(LocalAgentEndpoint.class.getMethod("transport").getDeclaringClass()).isEqualTo(
                LocalAgentEndpoint.class);
    }
}
