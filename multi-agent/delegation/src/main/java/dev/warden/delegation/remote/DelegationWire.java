package dev.warden.delegation.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.Confidentiality;
import dev.warden.core.Integrity;
import dev.warden.core.LabelledValue;
import dev.warden.core.Labels;
import dev.warden.core.agent.DecisionSummary;
import java.util.List;
import java.util.TreeSet;

/**
 * The JSON of {@code POST /v1/delegations} (documented in {@code multi-agent/README.md}). Request: {@link Call};
 * response (every status, errors included): {@link Reply}.
 */
public final class DelegationWire {
    private DelegationWire() {}

    /** Path of the endpoint, relative to a service's base URI. */
    public static final String PATH = "/v1/delegations";
    /** Authorization scheme carrying the context token: {@code Authorization: Warden-Context <jws>}. */
    public static final String AUTH_SCHEME = "Warden-Context";
    /** Alternative header carrying the bare token. */
    public static final String CONTEXT_HEADER = "X-Warden-Context";
    /**
     * Milliseconds left of the caller's deadline for this delegation (a positive integer). Unsigned on purpose: it can
     * only shorten the receiver's own run limit, never extend it, so a forged value gains a caller nothing.
     */
    public static final String DEADLINE_HEADER = "X-Warden-Deadline-Ms";
    public static final String CONTENT_TYPE = "application/json";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Request body.
     *
     * @param request the person's root request the delegation carries (decision 0073), bound to the token's
     *     {@code task_digest}; absent when there is none (then nothing in the callee counts as the user's)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Call(String agentId, String task, String request) {
        public Call(String agentId, String task) {
            this(agentId, task, null);
        }
    }

    /** Labels as they travel: {@code {"level":"RESTRICTED","categories":["PII"],"integrity":"TRUSTED"}}. */
    public record WireLabels(String level, List<String> categories, String integrity) {
        public static WireLabels of(Labels l) {
            return new WireLabels(l.level().name(), List.copyOf(l.categories()), l.integrity().name());
        }

        public Labels toLabels() {
            return new Labels(Confidentiality.valueOf(level), categories == null ? null : new TreeSet<>(categories),
                    Integrity.valueOf(integrity));
        }
    }

    /**
     * Response body.
     *
     * @param status the callee run's status ({@code COMPLETED}, {@code DENIED}, {@code FAILED},
     *     {@code AWAITING_APPROVAL}) or {@code REFUSED} when the delegation was refused before the agent ran
     * @param runId the callee's run id; absent when refused
     * @param output the callee's answer or a notice why there is none
     * @param labels what the output holds (the caller joins them; decision 0029)
     * @param code stable code of a refusal or of what stopped the run
     * @param reason human-readable reason of a refusal
     * @param decisions the callee's checkpoint verdicts
     * @param base the labels of the output apart from {@code values}; absent when the output is labelled whole
     * @param values values in the output whose labels are bound to them (each appears in the output)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reply(String status, String runId, String output, WireLabels labels, String code, String reason,
            List<DecisionSummary> decisions, WireLabels base, List<WireValue> values) {
        public static final String REFUSED = "REFUSED";

        Reply(String status, String runId, String output, WireLabels labels, String code, String reason,
                List<DecisionSummary> decisions) {
            this(status, runId, output, labels, code, reason, decisions, null, null);
        }

        static Reply refused(String code, String reason) {
            return new Reply(REFUSED, null, null, null, code, reason, null);
        }
    }

    /** A value-bound label as it travels: {@code {"value":"…","labels":{…}}}. */
    public record WireValue(String value, WireLabels labels) {
        public static List<WireValue> of(List<LabelledValue> values) {
            return values.isEmpty() ? null : values.stream().map(v -> new WireValue(v.value(),
                    WireLabels.of(v.labels()))).toList();
        }

        public LabelledValue toValue() {
            return new LabelledValue(value, labels.toLabels());
        }
    }
}
