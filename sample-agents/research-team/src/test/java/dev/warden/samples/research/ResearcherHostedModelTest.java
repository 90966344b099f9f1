package dev.warden.samples.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.test.stub.OpenAiStubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The team on a hosted model ({@code WARDEN_MODEL=provider}, clearance {@code CONFIDENTIAL/*}) behind a local
 * OpenAI-compatible stub driven by the team's own scripted behaviour: the researcher's model is sent its findings on
 * "project atlas" with only the {@code personal_data} value (RESTRICTED/PII by {@code warden.data-flow.field-labels})
 * withheld (decision 0069), never the remark itself.
 */
@QuarkusTest
@TestProfile(ResearcherHostedModelTest.Hosted.class)
class ResearcherHostedModelTest {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    public static class Hosted implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Stub.class));
        }
    }

    public static final class Stub extends OpenAiStubResource {
        @Override
        protected ChatModel brain() {
            return new ScriptedTeamModel().scripted();
        }

        @Override
        protected List<JsonNode> requests() {
            return REQUESTS;
        }

        @Override
        protected Map<String, String> config(String baseUrl) {
            REQUESTS.clear();
            Map<String, String> config = new HashMap<>(super.config(baseUrl));
            config.put("warden.model", "provider");
            return config;
        }
    }

    static List<String> contents(JsonNode request) {
        return request.path("messages").findValuesAsText("content");
    }

    @Test
    void the_researchers_model_sees_the_findings_without_the_personal_data() {
        TeamApi.ask("alice", "Ask researcher to Find sources about project atlas");

        assertThat(REQUESTS).isNotEmpty().noneSatisfy(r -> assertThat(r.toString()).contains("medical leave"));
        assertThat(REQUESTS).anySatisfy(r -> assertThat(contents(r)).anySatisfy(c -> assertThat(c)
                .contains("the lead negotiator of project atlas is unavailable")
                .contains("\"personal_data\":\"[withheld: RESTRICTED/PII]\"")));
    }
}
