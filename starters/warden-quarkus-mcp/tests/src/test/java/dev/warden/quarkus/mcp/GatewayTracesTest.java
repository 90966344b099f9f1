package dev.warden.quarkus.mcp;

import static dev.warden.quarkus.mcp.McpGatewayServiceTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.mcp.client.McpClient;
import dev.warden.core.telemetry.GenAiConventions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gateway calls are traced by the starter's telemetry: a tool execution span and checkpoint spans per call. */
@QuarkusTest
@TestProfile(GatewayTracesTest.Traced.class)
class GatewayTracesTest {
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false");
        }
    }

    /** Quarkus exports to every {@code SpanExporter} bean. */
    public static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @TestHTTPResource("/mcp")
    URL mcp;
    @Inject
    InMemorySpanExporter spans;
    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void a_gateway_call_produces_the_tool_and_checkpoint_spans() throws Exception {
        McpGatewayServiceTest t = new McpGatewayServiceTest();
        t.mcp = mcp;
        try (McpClient alice = t.client("alice")) {
            assertThat(call(alice, "lookup_customer", "{\"id\":\"c-11\"}")).contains("Ada Lovelace");
        }
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS); // export what the batch holds
        }
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).filteredOn(s -> "lookup_customer".equals(s.getAttributes().get(GenAiConventions.TOOL_NAME)))
                .isNotEmpty();
        assertThat(finished).extracting(SpanData::getName).anySatisfy(n -> assertThat(n).startsWith("execute_tool"))
                .anySatisfy(n -> assertThat(n).contains("guardrail"));
    }
}
