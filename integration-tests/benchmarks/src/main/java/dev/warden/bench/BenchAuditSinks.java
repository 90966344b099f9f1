package dev.warden.bench;

import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.HashChain;
import dev.warden.spi.AuditSink;

/**
 * Audit sinks for benchmarks. Both keep memory flat over millions of operations (the shipped
 * {@code InMemoryAuditSink} retains every record, which would turn a latency benchmark into a GC benchmark).
 */
final class BenchAuditSinks {
    private BenchAuditSinks() {}

    /** Which sink a benchmark runs with. */
    static AuditSink named(String name) {
        return switch (name) {
            case "noop" -> new Discarding();
            case "hash-chain" -> new HashChainDiscarding();
            default -> throw new IllegalArgumentException("unknown audit sink '" + name + "'");
        };
    }

    /**
     * Accepts and drops the record. The Governor still builds the {@code DecisionRecord} (argument digest, plane
     * entries, labels), so this measures the record without persistence or hashing.
     */
    static final class Discarding implements AuditSink {
        @Override
        public DecisionRecord append(DecisionRecord record) {
            return record;
        }

        @Override
        public ChainVerification verify() {
            return ChainVerification.ok(0); // nothing is kept, so there is nothing to verify
        }
    }

    /**
     * Links every record into the per-tenant SHA-256 chain exactly as {@code InMemoryAuditSink} does (canonical JSON +
     * SHA-256 under a lock), then drops it: the CPU cost of the embedded audit trail without its memory growth or
     * file I/O.
     */
    static final class HashChainDiscarding implements AuditSink {
        private final HashChain chain = new HashChain();

        @Override
        public synchronized DecisionRecord append(DecisionRecord record) {
            return chain.link(record);
        }

        @Override
        public ChainVerification verify() {
            return ChainVerification.ok(0); // nothing is kept, so there is nothing to verify
        }
    }
}
