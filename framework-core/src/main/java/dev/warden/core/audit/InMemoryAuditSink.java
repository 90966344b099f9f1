package dev.warden.core.audit;

import dev.warden.spi.AuditSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps records in memory, hash-chained like the durable sinks. For tests and embedded use. */
public final class InMemoryAuditSink implements AuditSink {
    private final HashChain chain = new HashChain();
    private final List<DecisionRecord> records = new ArrayList<>();

    @Override
    public synchronized DecisionRecord append(DecisionRecord record) {
        DecisionRecord linked = chain.link(record);
        records.add(linked);
        return linked;
    }

    public synchronized List<DecisionRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized List<DecisionRecord> query(AuditFilter filter) {
        return filter.select(records);
    }

    @Override
    public long forEachRecord(String tenant, java.util.function.Consumer<? super DecisionRecord> action) {
        long n = 0;
        for (DecisionRecord r : records()) {
            if (tenant == null || tenant.equals(r.tenant())) {
                action.accept(r);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized java.util.OptionalLong count() {
        return java.util.OptionalLong.of(records.size());
    }

    public synchronized void clear() {
        records.clear();
    }

    @Override
    public synchronized ChainVerification verify() {
        List<String> lines = new ArrayList<>(records.size());
        for (DecisionRecord r : records) {
            lines.add(CanonicalJson.write(r));
        }
        return HashChainVerifier.verify(lines);
    }
}
