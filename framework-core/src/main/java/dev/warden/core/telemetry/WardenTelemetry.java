package dev.warden.core.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;

/**
 * Tracer, meters and the content-capture switch, shared by the Governor and the agent loop.
 *
 * <p>Prompt, argument and result <em>content</em> is never put on spans unless {@code captureContent} is on: traces
 * usually leave the trust boundary of the data they describe.
 */
public final class WardenTelemetry {
    public static final String INSTRUMENTATION_SCOPE = "dev.warden";

    private final Tracer tracer;
    private final LongCounter decisions;
    private final DoubleHistogram checkpointDuration;
    private final boolean captureContent;

    public WardenTelemetry(OpenTelemetry openTelemetry, boolean captureContent) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        Meter meter = openTelemetry.getMeter(INSTRUMENTATION_SCOPE);
        this.decisions = meter.counterBuilder(GenAiConventions.METRIC_DECISIONS)
                .setDescription("Checkpoint decisions by checkpoint and outcome")
                .setUnit("{decision}")
                .build();
        this.checkpointDuration = meter.histogramBuilder(GenAiConventions.METRIC_CHECKPOINT_DURATION)
                .setDescription("Time to evaluate all planes at a checkpoint")
                .setUnit("s")
                .build();
        this.captureContent = captureContent;
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

    public boolean captureContent() {
        return captureContent;
    }
}
