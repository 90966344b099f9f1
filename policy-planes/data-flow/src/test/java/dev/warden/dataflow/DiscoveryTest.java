package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.Governor;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    @Test
    void the_plane_is_discovered_through_the_service_loader_with_its_priority() {
        Governor g = Governor.builder().discoverPlanes().build();
        assertThat(g.planesAt(Checkpoint.TOOL_RESULT)).anySatisfy(p -> {
            assertThat(p).isInstanceOf(DataFlowPlane.class);
            assertThat(p.name()).isEqualTo("data-flow");
            assertThat(p.priority()).isEqualTo(300);
        });
    }
}
