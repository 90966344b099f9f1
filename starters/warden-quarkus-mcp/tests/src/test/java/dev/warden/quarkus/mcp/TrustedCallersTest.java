package dev.warden.quarkus.mcp;

import static dev.warden.quarkus.mcp.McpGatewayServiceTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.mcp.client.McpClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator who vouches for the callers' context ({@code caller-context=trusted}): high-risk calls run, until the
 * same MCP session has received untrusted content — from then on its remote model may be steered by an injection, so
 * the session's calls are governed as untrusted.
 */
@QuarkusTest
@TestProfile(TrustedCallersTest.Trusted.class)
class TrustedCallersTest {
    public static class Trusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("warden.mcp.gateway.caller-context", "trusted");
        }
    }

    @TestHTTPResource("/mcp")
    URL mcp;

    McpClient client(String user) {
        McpGatewayServiceTest t = new McpGatewayServiceTest();
        t.mcp = mcp;
        return t.client(user);
    }

    @Test
    void an_untrusted_result_taints_the_rest_of_its_session_only() throws Exception {
        String email = "{\"to\":\"partner@example.org\",\"body\":\"offer %s\"}";
        try (McpClient alice = client("alice"); McpClient otherSession = client("alice")) {
            assertThat(call(alice, "send_email", email.formatted(1))).isEqualTo("sent to partner@example.org");
            assertThat(call(alice, "fetch_page", "{\"url\":\"https://news.example/b\"}")).contains("SYSTEM:");
            assertThat(call(alice, "send_email", email.formatted(2))).startsWith("error:").contains("WARDEN-DF");
            assertThat(call(otherSession, "send_email", email.formatted(3))).isEqualTo("sent to partner@example.org");
        }
        assertThat(DeskTools.CALLS).filteredOn(c -> c.equals("send_email:partner@example.org")).hasSize(2);
    }
}
