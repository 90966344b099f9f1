package dev.warden.samples.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The workspace agent on a real provider client (Quarkus LangChain4j's OpenAI extension, {@code OPENAI_BASE_URL}
 * style configuration) against a local server speaking the OpenAI wire format: tool calls come back over HTTP and are
 * governed exactly like the scripted model's.
 */
@QuarkusTest
class OpenAiProviderTest {
    @Inject
    WorkspaceAssistant workspace;

    @Test
    void a_tool_call_from_the_provider_runs_governed_and_the_answer_comes_back() {
        WorkspaceEnvironment env = workspace.environment("default", "alice");
        long before = WorkspaceAssistantTest.mailTo(env, "carol.white@example.com");
        String run = WorkspaceAssistantTest.ask("workspace-assistant-provider", "alice",
                "Please email carol.white@example.com about the offsite").then().statusCode(200).extract().asString();
        assertThat(run).contains("\"status\":\"COMPLETED\"").contains("Done: ");
        assertThat(WorkspaceAssistantTest.mailTo(env, "carol.white@example.com")).isEqualTo(before + 1);
        assertThat(OpenAiStub.REQUESTS).anySatisfy(r -> assertThat(r.path("tools").toString()).contains("send_email"));
        assertThat(OpenAiStub.REQUESTS).anySatisfy(r -> assertThat(r.path("messages").toString())
                .contains("\"role\":\"tool\""));
    }

    @Test
    void a_hijacked_provider_cannot_mail_an_address_the_user_never_gave() {
        WorkspaceEnvironment env = workspace.environment("default", "alice");
        String run = WorkspaceAssistantTest.ask("workspace-assistant-provider", "alice", "What is on my calendar?")
                .then().statusCode(200).extract().asString();
        assertThat(run).contains("recipients-from-user-or-records");
        assertThat(WorkspaceAssistantTest.mailTo(env, WorkspaceAssistantTest.ATTACKER)).isZero();
    }
}
