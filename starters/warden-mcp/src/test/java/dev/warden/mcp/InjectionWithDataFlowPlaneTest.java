package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.testing.TestClock;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.mcp.testserver.BankMcpTools;
import dev.warden.mcp.testserver.HttpBankServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The injection scenario with the real data-flow plane (default configuration) instead of a stand-in: the IBAN the
 * poisoned MCP result asks for appears only in untrusted content, so argument provenance refuses the transfer.
 */
class InjectionWithDataFlowPlaneTest {
    HttpBankServer server;
    McpClient client;

    @BeforeEach
    void start() throws Exception {
        server = new HttpBankServer();
        client = new DefaultMcpClient.Builder().key("bank").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(server.url()).build()).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void argument_provenance_refuses_a_transfer_to_an_iban_found_only_in_an_mcp_result() {
        McpToolSource bank = McpToolSource.connect(client, BankScenario.policy(), new InMemoryToolPinStore(),
                TestClock.at("2026-11-25T10:00:00Z"));
        bank.approveAll("security-officer");
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("bank-assistant"))
                .model(BankScenario.gullibleModel()).tools(bank.toolRegistry())
                .governor(Governor.builder().plane(McpGuardPlane.of(bank)).plane(new DataFlowPlane()).build())
                .build();

        RunResult r = agent.runBlocking("anything new in my inbox?", Principal.of("alice", "customer"));

        assertThat(r.decisions()).filteredOn(d -> "bank__transfer".equals(d.tool())).singleElement()
                .satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo("DENY");
                    // refused by argument provenance; the runtime tracker may report the mailed IBAN as untraced
                    // (PROVENANCE_UNKNOWN, untrusted content in context) rather than untrusted-only: both refuse
                    assertThat(d.code()).isIn(DataFlowCodes.PROVENANCE_UNTRUSTED, DataFlowCodes.PROVENANCE_UNKNOWN);
                });
        assertThat(r.decisions()).extracting(DecisionSummary::code).doesNotContain(McpCodes.TOOL_CHANGED);
        assertThat(BankScenario.serverActivity(client)).doesNotContain(BankMcpTools.INJECTED_IBAN);
    }
}
