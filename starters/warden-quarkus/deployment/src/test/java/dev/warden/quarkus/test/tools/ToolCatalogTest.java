package dev.warden.quarkus.test.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.quarkus.runtime.ToolCatalog;
import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tools an agent runs with are the ones discovered from the index at build time and recorded in the catalog. */
class ToolCatalogTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/teller.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    ToolCatalog catalog;

    @Inject
    AgentRegistry registry;

    @Test
    void tool_methods_are_recorded_at_build_time_with_their_signatures() {
        assertThat(catalog.methods().get(TellerAgent.class.getName())).containsExactlyInAnyOrder(
                "balance()", "sendMoney(java.lang.String,double)", "deleteAccount()");
    }

    @Test
    void the_agent_is_built_from_the_catalog_with_its_descriptors() {
        var tools = registry.find("teller").orElseThrow().agent().toolRegistry();
        assertThat(tools.names()).containsExactlyInAnyOrder("get_balance", "send_money", "delete_account");
        assertThat(tools.descriptor("send_money").orElseThrow().declared()).isTrue();
        assertThat(catalog.toolMethods(TellerAgent.class)).extracting(m -> m.getName())
                .containsAll(List.of("balance", "sendMoney", "deleteAccount"));
    }

    @Test
    void argument_schemas_are_recorded_at_build_time_as_langchain4j_specifies_them() throws Exception {
        var sendMoney = TellerAgent.class.getDeclaredMethod("sendMoney", String.class, double.class);
        var recorded = catalog.specification(TellerAgent.class, sendMoney).orElseThrow();
        assertThat(recorded).isEqualTo(ToolSpecifications.toolSpecificationFrom(sendMoney));
        assertThat(recorded.parameters().properties()).containsOnlyKeys("recipient", "amount");
        assertThat(catalog.specifications().get(TellerAgent.class.getName())).containsOnlyKeys(
                "balance()", "sendMoney(java.lang.String,double)", "deleteAccount()");
    }

    @Test
    void the_agent_runs_with_the_recorded_specification_not_one_built_at_start() throws Exception {
        var tools = registry.find("teller").orElseThrow().agent().toolRegistry();
        var sendMoney = TellerAgent.class.getDeclaredMethod("sendMoney", String.class, double.class);
        // the very instance the recorder produced: the registry did not build its own from the Method
        assertThat(tools.descriptor("send_money").orElseThrow().specification())
                .isSameAs(catalog.specification(TellerAgent.class, sendMoney).orElseThrow());
        assertThat(tools.specifications()).contains(catalog.specification(TellerAgent.class, sendMoney).get());
    }
}
