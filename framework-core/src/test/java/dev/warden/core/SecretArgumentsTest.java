package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.agent.EscalationView;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.JsonlAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.telemetry.WardenTelemetry;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolGovernance;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretArgumentsTest {
    static final String PASSWORD = "Tr0ub4dor&3-correct-horse";
    static final String API_KEY = "sk-live-51HxQ2eZvKYlo2C9";

    /** Tools that receive credentials: one declares its secret argument, one is caught by the argument's name. */
    public static class CredentialTools {
        volatile String password;
        volatile String key;

        @Tool(name = "update_password", value = "Set a new password")
        @ToolGovernance(effects = Effect.CREDENTIAL_CHANGE, risk = Risk.CRITICAL, secretArguments = "newValue")
        public String updatePassword(@P("the new password") String newValue) {
            password = newValue;
            return "password updated";
        }

        @Tool(name = "connect", value = "Connect a data source")
        @ToolGovernance(effects = Effect.WRITE)
        public String connect(@P("host") String host, @P("the key") String api_key) {
            key = api_key;
            return "connected to " + host;
        }
    }

    @Test
    void arguments_named_like_credentials_are_secret_without_being_declared() {
        ToolDescriptor plain = ToolDescriptor.named("t");
        assertThat(SecretArguments.isSecret(plain, "password")).isTrue();
        assertThat(SecretArguments.isSecret(plain, "newPassword")).isTrue();
        assertThat(SecretArguments.isSecret(plain, "api_key")).isTrue();
        assertThat(SecretArguments.isSecret(plain, "client_secret")).isTrue();
        assertThat(SecretArguments.isSecret(plain, "accessToken")).isTrue();
        assertThat(SecretArguments.isSecret(plain, "recipient")).isFalse();
        assertThat(SecretArguments.isSecret(plain, "amount")).isFalse();
        assertThat(SecretArguments.isSecret(plain, "subject")).isFalse();
    }

    @Test
    void nested_secret_keys_are_redacted_and_other_values_kept() {
        Map<String, Object> args = Map.of("account", Map.of("user", "alice", "pin", "4711"), "note", "hi");
        Map<String, Object> shown = SecretArguments.redact(ToolDescriptor.named("t"), args);
        assertThat(shown).containsEntry("note", "hi");
        assertThat(shown.get("account")).isEqualTo(Map.of("user", "alice", "pin", SecretArguments.REDACTED));
        assertThat(SecretArguments.values(ToolDescriptor.named("t"), args)).containsExactly("4711");
    }

    @Test
    void secret_arguments_reach_audit_spans_and_views_only_digested_or_redacted(@TempDir Path dir) throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        Path auditFile = dir.resolve("audit.jsonl");
        CredentialTools tools = new CredentialTools();
        var stepUp = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "update_password".equals(req.toolName())
                        ? Decision.requireApproval("step-up", Set.of("security-officer"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "bank", "1", "password-step-up"))
                        : Decision.allow("action-boundary"));
        try (JsonlAuditSink audit = new JsonlAuditSink(auditFile, false)) {
            GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                    .model(ScriptedChatModel.script()
                            .callTools(ScriptedChatModel.call("connect", Map.of("host", "db.example",
                                    "api_key", API_KEY)))
                            .callTools(ScriptedChatModel.call("update_password", Map.of("newValue", PASSWORD)))
                            .reply("done").build())
                    .tools(tools)
                    .governor(Governor.builder().plane(stepUp).auditSink(audit).captureArguments(true)
                            .telemetry(new WardenTelemetry(otel, true)).build())
                    .build();

            RunResult r = agent.runBlocking("connect db.example with key " + API_KEY + " and change my password to "
                    + PASSWORD, Principal.of("alice", "customer"));

            assertThat(r.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
            assertThat(tools.key).isEqualTo(API_KEY); // the tool itself gets the real value
            PendingApproval pa = r.approval();
            assertThat(pa.arguments()).containsEntry("newValue", PASSWORD); // what will run once approved
            assertThat(pa.secretArguments()).containsExactly("newValue");
            assertThat(pa.shownArguments()).containsEntry("newValue", SecretArguments.REDACTED);

            EscalationView view = EscalationView.of(agent.store().find(pa.approvalId()).orElseThrow(),
                    agent.toolRegistry());
            assertThat(view.userRequest()).doesNotContain(PASSWORD).doesNotContain(API_KEY)
                    .contains("change my password to " + SecretArguments.REDACTED);
            assertThat(view.arguments()).singleElement().satisfies(a -> {
                assertThat(a.secret()).isTrue();
                assertThat(a.value()).isEqualTo(SecretArguments.REDACTED);
            });
            assertThat(view.trace()).isNotEmpty();

            String jsonl = Files.readString(auditFile);
            assertThat(jsonl).doesNotContain(PASSWORD).doesNotContain(API_KEY);
            DecisionRecord call = audit.query(dev.warden.core.audit.AuditFilter.all().tool("update_password"))
                    .get(0);
            String digest = (String) call.args().get("newValue");
            assertThat(digest).startsWith("pbkdf2-sha256$");
            assertThat(SecretArguments.matches(PASSWORD, digest)).isTrue();
            assertThat(SecretArguments.matches("wrong", digest)).isFalse();
            assertThat(audit.verify().valid()).isTrue();

            assertThat(spans.getFinishedSpanItems()).allSatisfy(s -> assertThat(s.getAttributes().toString())
                    .doesNotContain(API_KEY).doesNotContain(PASSWORD));
        }
    }
}
