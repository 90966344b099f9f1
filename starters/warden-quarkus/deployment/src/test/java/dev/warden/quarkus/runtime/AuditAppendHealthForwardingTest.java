package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.AuditSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service wraps the Governor's sink in {@link AuditAppendHealth}: the wrapper must pass deferred appends through
 * as deferred (decision 0047), or {@code warden.audit.durability=effect} would silently wait at every checkpoint; and
 * a deferred append that fails still reports the store down.
 */
class AuditAppendHealthForwardingTest {
    final List<String> calls = new ArrayList<>();
    boolean fail;

    final AuditSink sink = new AuditSink() {
        @Override
        public DecisionRecord append(DecisionRecord record) {
            calls.add("append");
            return record;
        }

        @Override
        public DecisionRecord appendLinked(DecisionRecord record) {
            calls.add("appendLinked");
            if (fail) {
                throw new IllegalStateException("disk full");
            }
            return record;
        }

        @Override
        public ChainVerification verify() {
            return ChainVerification.ok(0);
        }
    };

    @Test
    void deferred_appends_stay_deferred_through_the_health_watcher_and_failures_are_reported() {
        AuditAppendHealth health = new AuditAppendHealth(Clock.systemUTC());
        AuditSink watched = health.watching(sink);
        watched.appendLinked(null);
        assertThat(calls).containsExactly("appendLinked");
        fail = true;
        assertThatThrownBy(() -> watched.appendLinked(null)).hasMessageContaining("disk full");
        assertThat(health.failing()).contains("disk full");
    }
}
