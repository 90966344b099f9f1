package dev.warden.core.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The one place that names OpenTelemetry attributes and span names. The GenAI semantic conventions (kept in
 * open-telemetry/semantic-conventions-genai) are all in Development status; when they move, only this class changes.
 * Which draft each group follows, and the exact attribute set of every span kind, are in
 * {@code docs/telemetry-conventions.md} (a conformance test holds the code to that table).
 *
 * <p>We emit {@code gen_ai.provider.name}, not the deprecated {@code gen_ai.system}. Guardrail spans follow the
 * guardrail draft ({@code apply_guardrail {component}}, {@code gen_ai.guardrail.*}). Warden's own facts live under
 * {@code warden.*}.
 */
public final class GenAiConventions {
    private GenAiConventions() {}

    // operation names
    public static final String OP_INVOKE_AGENT = "invoke_agent";
    public static final String OP_CHAT = "chat";
    public static final String OP_EXECUTE_TOOL = "execute_tool";
    public static final String OP_APPLY_GUARDRAIL = "apply_guardrail";

    /** {@code gen_ai.guardrail.component.name}, also the suffix of the {@code apply_guardrail {component}} span name. */
    public static final String GUARDRAIL_COMPONENT = "Warden";
    /** {@code gen_ai.provider.name} of guardrail spans: Warden is its own provider (a custom value the draft allows). */
    public static final String GUARDRAIL_PROVIDER = "warden";
    /** {@code gen_ai.guardrail.result.type}: the name of Warden's native result field. */
    public static final String GUARDRAIL_RESULT_TYPE = "outcome";
    /** Name of the span event that carries one rule's part in a guardrail result. */
    public static final String EVENT_GUARDRAIL_RESULT = "gen_ai.guardrail.result";

    // gen_ai.*
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    public static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("gen_ai.agent.id");
    public static final AttributeKey<String> AGENT_VERSION = AttributeKey.stringKey("gen_ai.agent.version");
    public static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> TOOL_CALL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
    public static final AttributeKey<String> TOOL_CALL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
    public static final AttributeKey<String> ENDUSER_ID = AttributeKey.stringKey("enduser.id");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    // guardrail draft (docs/gen-ai/gen-ai-guardrails.md)
    public static final AttributeKey<String> GUARDRAIL_COMPONENT_NAME =
            AttributeKey.stringKey("gen_ai.guardrail.component.name");
    public static final AttributeKey<String> GUARDRAIL_SOURCE = AttributeKey.stringKey("gen_ai.guardrail.source");
    public static final AttributeKey<String> GUARDRAIL_RESULT_TYPE_KEY =
            AttributeKey.stringKey("gen_ai.guardrail.result.type");
    public static final AttributeKey<String> GUARDRAIL_RESULT_VALUE =
            AttributeKey.stringKey("gen_ai.guardrail.result.value");
    public static final AttributeKey<String> GUARDRAIL_POLICY_ID = AttributeKey.stringKey("gen_ai.guardrail.policy.id");
    public static final AttributeKey<String> GUARDRAIL_POLICY_VERSION =
            AttributeKey.stringKey("gen_ai.guardrail.policy.version");
    public static final AttributeKey<String> GUARDRAIL_POLICY_RULE_ID =
            AttributeKey.stringKey("gen_ai.guardrail.policy.rule.id");

    // warden.*
    public static final AttributeKey<String> WARDEN_CHECKPOINT = AttributeKey.stringKey("warden.checkpoint");
    public static final AttributeKey<String> WARDEN_OUTCOME = AttributeKey.stringKey("warden.outcome");
    public static final AttributeKey<String> WARDEN_CODE = AttributeKey.stringKey("warden.code");
    public static final AttributeKey<String> WARDEN_PLANE = AttributeKey.stringKey("warden.plane");
    public static final AttributeKey<String> WARDEN_RULE_ID = AttributeKey.stringKey("warden.rule.id");
    public static final AttributeKey<List<String>> WARDEN_RULE_IDS = AttributeKey.stringArrayKey("warden.rule.ids");
    public static final AttributeKey<List<String>> WARDEN_POLICIES = AttributeKey.stringArrayKey("warden.policies");
    public static final AttributeKey<List<String>> WARDEN_PLANES = AttributeKey.stringArrayKey("warden.planes");
    public static final AttributeKey<String> WARDEN_LABELS = AttributeKey.stringKey("warden.labels");
    public static final AttributeKey<String> WARDEN_CONTENT_LABELS = AttributeKey.stringKey("warden.content.labels");
    public static final AttributeKey<List<String>> WARDEN_CHAIN = AttributeKey.stringArrayKey("warden.chain");
    public static final AttributeKey<String> WARDEN_RUN_ID = AttributeKey.stringKey("warden.run.id");
    public static final AttributeKey<String> WARDEN_RUN_STATUS = AttributeKey.stringKey("warden.run.status");
    public static final AttributeKey<String> WARDEN_TENANT = AttributeKey.stringKey("warden.tenant");

    // metrics
    public static final String METRIC_DECISIONS = "warden.decisions";
    public static final String METRIC_CHECKPOINT_DURATION = "warden.checkpoint.duration";
    public static final String METRIC_DENIALS = "warden.denials";
}
