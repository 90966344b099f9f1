package dev.warden.core.agent;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Joins a suspended run and its resumption across traces: the suspended run's span context is stored with the run as
 * a W3C {@code traceparent} and the resumed run's span links to it. A malformed stored value is ignored (a link is
 * observability; it never stops a resumption).
 */
final class RunLinks {
    /** Attribute on the link: why the two spans are related. */
    static final AttributeKey<String> LINK_KIND = AttributeKey.stringKey("warden.link.kind");
    static final String RESUMES = "resumes_suspended_run";

    private RunLinks() {}

    /** {@code 00-<trace-id>-<span-id>-<flags>} of {@code span}, or {@code null} when it is not a recorded span. */
    static String traceparent(Span span) {
        if (span == null || !span.getSpanContext().isValid()) {
            return null;
        }
        SpanContext c = span.getSpanContext();
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    static void linkTo(SpanBuilder builder, String traceparent) {
        SpanContext c = parse(traceparent);
        if (c != null) {
            builder.addLink(c, Attributes.of(LINK_KIND, RESUMES));
        }
    }

    static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        if (parts.length != 4 || !"00".equals(parts[0]) || parts[3].length() != 2
                || !parts[3].chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return null;
        }
        SpanContext c = SpanContext.createFromRemoteParent(parts[1], parts[2], TraceFlags.fromHex(parts[3], 0),
                TraceState.getDefault());
        return c.isValid() ? c : null;
    }
}
