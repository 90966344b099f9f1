package dev.warden.samples.banking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dataflow.DataFlowPlane;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Session 14, S14-A2: what the data-flow plane holds for approval (the balance in a transfer subject, a call it cannot
 * trace) was approvable by "anyone but the requester": any other customer saw the held call in {@code GET
 * /v1/approvals} and could approve it, so an attacker with an account of their own released what a hijacked model had
 * been stopped from sending. Only a manager decides those now.
 */
@QuarkusTest
class DataFlowApproversTest {
    @Inject
    DataFlowPlane dataFlow;

    @Test
    void only_a_manager_decides_what_the_data_flow_plane_holds() {
        assertThat(dataFlow.config().approverRoles()).containsExactly("manager");
    }
}
