package dev.warden.samples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRM analyst on a real provider client selected by configuration ({@code WARDEN_MODEL=provider}, i.e.
 * {@code warden.model}) against a local OpenAI-compatible server that enforces the providers' tool-name rule: the
 * dotted tool names reach it as provider-safe names, its {@code crm_get_customer} call runs the real
 * {@code crm.get_customer} governed by crm.yaml, and the scripted model does not shadow the provider.
 */
@QuarkusTest
@TestProfile(CrmModelSwitchTest.OpenAiCompatible.class)
class CrmModelSwitchTest {
    public static class OpenAiCompatible implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProviderStubs.OpenAi.class));
        }
    }

    @Test
    void a_provider_tool_call_round_trips_through_the_name_mapping() {
        String run = CrmApi.ask("jane", "Tell me about customer 1").then().statusCode(200).extract().asString();
        // the stub refuses (400) a request with a name the provider would reject, which would fail the run
        assertThat(run).contains("\"status\":\"COMPLETED\"").contains("Done: ");
        assertThat(ProviderStubs.REQUESTS).isNotEmpty();
        assertThat(ProviderStubs.REQUESTS.get(0).path("tools").findValuesAsText("name"))
                .contains("crm_get_customer", "sql_query", "email_send").doesNotContain("crm.get_customer");
        // the tool result went back under the provider name, and the audit shows the real one
        assertThat(ProviderStubs.REQUESTS).anySatisfy(r -> assertThat(r.path("messages").toString())
                .contains("\"role\":\"tool\"").contains("crm_get_customer"));
        assertThat(run).contains("crm.get_customer");
    }

    @Test
    void a_tax_id_never_reaches_the_hosted_model_only_a_marker_naming_its_label() {
        String run = CrmApi.ask("jane", "Tell me about customer 1").then().statusCode(200).extract().asString();
        // customer 1's record holds a tax id (RESTRICTED by column lineage): the provider, not cleared for
        // RESTRICTED (warden.data-flow.model-clearance), receives the marker instead of the tax id
        assertThat(ProviderStubs.REQUESTS).isNotEmpty().noneSatisfy(r -> assertThat(r.toString())
                .contains("078-05-1120"));
        assertThat(ProviderStubs.REQUESTS).anySatisfy(r -> assertThat(r.path("messages").toString())
                .contains("[withheld: RESTRICTED"));
        // only the tax id is withheld (decision 0069): the rest of the record, within the clearance, is sent
        assertThat(ProviderStubs.REQUESTS).anySatisfy(r -> assertThat(r.path("messages").toString())
                .contains("London").contains("ssn"));
        assertThat(run).contains("\"status\":\"COMPLETED\"").contains("df-model-clearance")
                .doesNotContain("078-05-1120");
    }
}
