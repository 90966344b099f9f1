package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent appends to a signed, fsync'ed trail share batches without losing order or breaking the chain. */
class JsonlGroupCommitTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 60;

    @TempDir
    Path dir;

    @Test
    void eight_concurrent_appenders_keep_every_tenant_chain_gapless_and_each_thread_in_its_own_order()
            throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        List<List<DecisionRecord>> acked = new ArrayList<>();
        try (JsonlAuditSink sink = new JsonlAuditSink(file, JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY))) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<DecisionRecord>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String tenant = "t" + (t % 3);
                String thread = "w" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<DecisionRecord> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        mine.add(sink.append(JsonlAuditSinkTest.record(tenant, thread + "-" + i, "ALLOW")));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<DecisionRecord>> f : futures) {
                acked.add(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(THREADS * PER_THREAD));
        }
        List<DecisionRecord> all = acked.stream().flatMap(List::stream).toList();
        Map<String, List<Long>> seqsByTenant = all.stream().collect(Collectors.groupingBy(DecisionRecord::tenant,
                Collectors.mapping(DecisionRecord::seq, Collectors.toList())));
        seqsByTenant.forEach((tenant, seqs) -> {
            Collections.sort(seqs);
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= seqs.size(); s++) {
                expected.add(s);
            }
            assertThat(seqs).as("sequence numbers of " + tenant).isEqualTo(expected);
        });
        // the file holds exactly the acknowledged records, each thread's in the order it appended them
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<DecisionRecord> stored = lines.stream().map(JsonlGroupCommitTest::parse).toList();
        assertThat(stored).extracting(DecisionRecord::hash)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(DecisionRecord::hash).toList());
        for (List<DecisionRecord> mine : acked) {
            String thread = mine.get(0).runId().substring(0, 2);
            assertThat(stored.stream().filter(r -> r.runId().startsWith(thread + "-")).map(DecisionRecord::runId))
                    .containsExactlyElementsOf(mine.stream().map(DecisionRecord::runId).toList());
        }
    }

    @Test
    void queries_and_verification_during_concurrent_appends_see_only_whole_acknowledged_records() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        try (JsonlAuditSink sink = new JsonlAuditSink(file, JsonlAuditOptions.signed(false, JsonlSignedHeadTest.KEY))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String tenant = "t" + t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 400; i++) {
                        sink.append(JsonlAuditSinkTest.record(tenant, "run-" + i, "ALLOW"));
                    }
                }));
            }
            int checks = 0;
            while (writers.stream().anyMatch(f -> !f.isDone()) || checks < 3) {
                ChainVerification v = sink.verify();
                assertThat(v.valid()).as(v.message()).isTrue();
                long seen = sink.forEachRecord(null, r -> { });
                assertThat(sink.query(AuditFilter.all().limitTo(AuditFilter.MAX_LIMIT)).size())
                        .isGreaterThanOrEqualTo((int) Math.min(seen, AuditFilter.MAX_LIMIT));
                checks++;
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(1200));
        }
    }

    static DecisionRecord parse(String line) {
        try {
            return CanonicalJson.MAPPER.readValue(line, DecisionRecord.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_caller_interrupted_before_it_appends_still_writes_and_leaves_the_trail_usable() throws Exception {
        Path file = dir.resolve("interrupted.jsonl");
        try (JsonlAuditSink sink = new JsonlAuditSink(file, JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY))) {
            Thread.currentThread().interrupt(); // FileChannel closes itself when its writer thread is interrupted
            DecisionRecord first;
            try {
                first = sink.append(JsonlAuditSinkTest.record("t1", "interrupted", "ALLOW"));
                assertThat(Thread.currentThread().isInterrupted()).as("the flag is restored").isTrue();
            } finally {
                Thread.interrupted();
            }
            DecisionRecord second = sink.append(JsonlAuditSinkTest.record("t1", "next", "ALLOW"));
            assertThat(second.seq()).isEqualTo(first.seq() + 1);
            assertThat(sink.verify().valid()).isTrue();
        }
    }
}
