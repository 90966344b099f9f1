package dev.warden.samples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.test.stub.StubServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRM analyst on Anthropic ({@code WARDEN_MODEL=anthropic}) against a stub enforcing Anthropic's name rule. */
@QuarkusTest
@TestProfile(CrmAnthropicModelTest.OnAnthropic.class)
class CrmAnthropicModelTest {
    public static class OnAnthropic implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProviderStubs.Anthropic.class));
        }
    }

    @Test
    void a_tool_use_with_a_provider_safe_name_runs_the_real_tool() {
        String run = CrmApi.ask("jane", "Tell me about customer 1").then().statusCode(200).extract().asString();
        // the stub refuses (400) a request with a name Anthropic would reject, which would fail the run
        assertThat(run).contains("\"status\":\"COMPLETED\"").contains("Done: ").contains("crm.get_customer");
        assertThat(ProviderStubs.REQUESTS.get(0).path("tools").findValuesAsText("name"))
                .allMatch(n -> StubServer.TOOL_NAME.matcher(n).matches()).contains("crm_get_customer");
    }
}
