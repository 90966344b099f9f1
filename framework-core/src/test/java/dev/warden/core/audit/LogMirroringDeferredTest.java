package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.spi.AuditSink;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mirroring to OpenTelemetry logs keeps a deferred append deferred (decision 0047). */
class LogMirroringDeferredTest {
    @Test
    void a_deferred_append_stays_deferred_through_the_log_mirror() {
        List<String> calls = new ArrayList<>();
        AuditSink inner = new AuditSink() {
            @Override
            public DecisionRecord append(DecisionRecord record) {
                calls.add("append");
                return record;
            }

            @Override
            public DecisionRecord appendLinked(DecisionRecord record) {
                calls.add("appendLinked");
                return record;
            }

            @Override
            public ChainVerification verify() {
                return ChainVerification.ok(0);
            }
        };
        AuditSink mirrored = new AuditLogExporter(OpenTelemetry.noop()).mirroring(inner);
        DecisionRecord r = JsonlAuditSinkTest.record("t1", "run-a", "ALLOW");
        assertThat(mirrored.appendLinked(r)).isSameAs(r);
        mirrored.append(r);
        assertThat(calls).containsExactly("appendLinked", "append");
    }
}
