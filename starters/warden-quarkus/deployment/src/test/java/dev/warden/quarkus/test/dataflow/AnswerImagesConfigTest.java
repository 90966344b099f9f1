package dev.warden.quarkus.test.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code warden.data-flow.answer-images.*} reaches the data-flow plane (decision 0051). */
class AnswerImagesConfigTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("warden.data-flow.answer-images.allowed-hosts", "cdn.acme.example,*.img.example");

    @Inject
    DataFlowPlane plane;

    @Test
    void configured_hosts_keep_their_images_others_are_removed() {
        assertThat(plane.config().answerImages()).isEqualTo(new DataFlowConfig.AnswerImagePolicy(
                DataFlowConfig.AnswerImagePolicy.Mode.REMOVE, Set.of("cdn.acme.example", "*.img.example")));
        String text = "![a](https://cdn.acme.example/a.png) ![b](https://evil.example/?d=1)";
        Decision d = plane.evaluate(new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null, null, text, null,
                "user", null), GovernanceContext.of(dev.warden.core.Principal.of("alice", "customer"),
                dev.warden.core.AgentIdentity.of("teller")).withTask(dev.warden.core.TaskContext.of("r")));
        assertThat(d).isInstanceOfSatisfying(Decision.Transform.class, t -> assertThat(t.content())
                .isEqualTo("![a](https://cdn.acme.example/a.png) [image removed: evil.example]"));
    }
}
