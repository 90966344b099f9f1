package dev.warden.core.telemetry;

import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;

/**
 * Tracer, meters and the content-capture switch, shared by the Governor and the agent loop.
 *
 * <p>Prompt, argument and result <em>content</em> is never put on spans unless {@code captureContent} is on: traces
 * usually leave the trust boundary of the data they describe.
 */
public final class WardenTelemetry {
    public static final String INSTRUMENTATION_SCOPE = "dev.warden";

    private static final List<Double> DURATION_BUCKETS = List.of(0.000005, 0.00001, 0.00002, 0.00005, 0.0001, 0.0002,
            0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0);

    private final Tracer tracer;
    private final LongCounter decisions;
    private final DoubleHistogram checkpointDuration;
    private final LongCounter denials;
    private final boolean captureContent;
    private final ModelSpans modelSpans;

    /** Whether the agent loop emits its own {@code chat {model}} span around each model call. */
    public enum ModelSpans {
        /** Unless the model client already emits one (Quarkus LangChain4j's tracing listener): one span per call. */
        AUTO,
        /** Always (a client that also traces then yields two spans per call). */
        ALWAYS,
        /** Never (the model client's own span, if any, is the only one). */
        NEVER
    }

    public WardenTelemetry(OpenTelemetry openTelemetry, boolean captureContent) {
        this(openTelemetry, captureContent, ModelSpans.AUTO);
    }

    public WardenTelemetry(OpenTelemetry openTelemetry, boolean captureContent, ModelSpans modelSpans) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        Meter meter = openTelemetry.getMeter(INSTRUMENTATION_SCOPE);
        this.decisions = meter.counterBuilder(GenAiConventions.METRIC_DECISIONS)
                .setDescription("Checkpoint decisions by checkpoint and outcome")
                .setUnit("{decision}")
                .build();
        this.checkpointDuration = meter.histogramBuilder(GenAiConventions.METRIC_CHECKPOINT_DURATION)
                .setDescription("Time one policy plane took to decide at a checkpoint")
                .setUnit("s")
                // planes decide in microseconds; the SDK's default buckets start at 5 ms and would hide everything
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.denials = meter.counterBuilder(GenAiConventions.METRIC_DENIALS)
                .setDescription("Denied checkpoints by deciding rule")
                .setUnit("{denial}")
                .build();
        this.captureContent = captureContent;
        this.modelSpans = modelSpans == null ? ModelSpans.AUTO : modelSpans;
    }

    /** Telemetry that records nothing (the OpenTelemetry no-op implementation). */
    public static WardenTelemetry noop() {
        return new WardenTelemetry(OpenTelemetry.noop(), false);
    }

    public Tracer tracer() {
        return tracer;
    }

    public LongCounter decisions() {
        return decisions;
    }

    public DoubleHistogram checkpointDuration() {
        return checkpointDuration;
    }

    public LongCounter denials() {
        return denials;
    }

    /** Whether the agent loop emits its own span around calls to {@code model} (see {@link ModelSpans}). */
    public boolean emitsModelSpan(ChatModel model) {
        return switch (modelSpans) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !ModelCallSpans.tracedByClient(model);
        };
    }

    public boolean captureContent() {
        return captureContent;
    }
}
