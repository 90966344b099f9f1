package dev.warden.core.audit;

import dev.warden.core.WardenCodes;
import dev.warden.spi.AuditSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Append-only JSON Lines file, one hash-chained {@link DecisionRecord} per line: the embedded default.
 *
 * <p>On start the existing file is read to restore each tenant's chain head, so a restarted process continues the
 * chain. With {@code fsync} on, {@link #append} returns only after the line reached the disk. A write that fails (a full
 * disk, a revoked permission) throws {@link AuditWriteException} and the file is cut back to where it was, so a
 * partial line never stays behind: the runtime then does not act on the decision.
 *
 * <p>With a head key ({@link JsonlAuditOptions#headKey()}) every append also signs every tenant's head
 * ({@link ChainHeadMac}) into {@code <file>.head}, after the record is on disk and before {@code append} returns; so
 * every acknowledged record is covered by a signature, and {@link #verify()} reports a cut, rewritten or extended tail.
 * What the sink checks and repairs when it opens a file is described in {@link JsonlOpenCheck}.
 *
 * <p><b>Group commit.</b> Concurrent appends queue; whichever caller holds the writer lock links every queued record
 * (in queue order), writes them in one write, forces the file once and signs the head once for the whole batch, then
 * hands each caller its linked record. While it forces, new appends queue up for the next batch. The guarantee per
 * record is unchanged: {@code append} returns only after its own line and a head covering it are durable, and a failed
 * batch is cut back as a whole (every caller in it gets {@link AuditWriteException}). Queries and exports read the file
 * up to the last acknowledged batch without the writer lock; {@link #verify()} takes it only to read the head and
 * file length together.
 *
 * <pre>{@code
 * try (var sink = new JsonlAuditSink(path, JsonlAuditOptions.signed(true, key))) {
 *     sink.append(record);
 * }
 * }</pre>
 */
public final class JsonlAuditSink implements AuditSink {
    /**
     * Most records one batch carries: bounds one write, and how many unsigned records a crash can leave at the end of
     * the file (adopted at start by {@link JsonlOpenCheck}). A batch holds at most one record per waiting caller.
     */
    static final int MAX_BATCH = 64;

    private final Path file;
    private final boolean fsync;
    private final boolean regular;
    private final JsonlHeadFile head;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the caller writing a batch; guards chain, channel writes and broken. */
    private final ReentrantLock writer = new ReentrantLock();
    private final HashChain chain = new HashChain();
    private FileChannel channel;
    private IOException broken;
    /** Length of the file up to the end of the last acknowledged line: how far readers read. */
    private volatile long committed;

    /** One queued append; the batch writer sets its fields, then {@code done}. */
    private static final class Pending {
        final DecisionRecord record;
        final Thread caller = Thread.currentThread();
        DecisionRecord linked;
        String failure;
        Throwable cause;
        volatile boolean done;

        Pending(DecisionRecord record) {
            this.record = record;
        }

        void complete() {
            done = true;
            LockSupport.unpark(caller);
        }

        void fail(String message, Throwable why) {
            failure = message;
            cause = why;
            complete();
        }
    }

    /** An unsigned file (no head key): tail changes are not detected. */
    public JsonlAuditSink(Path file, boolean fsync) {
        this(file, JsonlAuditOptions.unsigned(fsync));
    }

    /**
     * Opens (or creates) the file.
     *
     * @throws AuditFileException if the file cannot be continued (cut-off last line, not matching its signed head,
     *     unsigned records, unreadable)
     */
    public JsonlAuditSink(Path file, JsonlAuditOptions options) {
        this.file = file;
        this.fsync = options.fsync();
        this.head = options.headKey() == null ? null
                : new JsonlHeadFile(file, new ChainHeadMac(options.headKey()), options.fsync());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new AuditWriteException("cannot open audit file " + file + ": " + e.getMessage(), e);
        }
        JsonlFileScan scan = JsonlFileScan.of(file);
        this.regular = Files.isRegularFile(file) || !Files.exists(file);
        List<JsonlOpenCheck.Notice> notices = JsonlOpenCheck.run(file, scan, head, options);
        scan.heads.forEach((tenant, h) -> chain.restore(tenant, h.seq(), h.hash()));
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            this.committed = regular ? channel.size() : Long.MAX_VALUE;
            if (head != null && head.read().isEmpty()) {
                head.write(chain.heads()); // a new file: its (empty) head is signed from the start
            }
        } catch (IOException e) {
            throw new AuditWriteException("cannot open audit file " + file + ": " + e.getMessage(), e);
        }
        for (JsonlOpenCheck.Notice n : notices) {
            append(notice(n));
        }
    }

    private static DecisionRecord notice(JsonlOpenCheck.Notice n) {
        return new DecisionRecord(null, n.tenant(), null, null, Instant.now().toString(), null, null, null, 0,
                "AUDIT_RECOVERY", null, null, List.of(), null, null, null, null, null, "ERROR",
                WardenCodes.AUDIT_RECOVERED, n.reason(), List.of(), List.of(), List.of(), null, null, 0);
    }

    /**
     * Writes the record (and, with a head key, the new signed head) and returns it linked into its tenant's chain;
     * concurrent calls share one write and one force (see the class comment).
     *
     * @throws AuditWriteException if it was not persisted; the file is then as it was before the call
     */
    @Override
    public DecisionRecord append(DecisionRecord record) {
        Pending mine = new Pending(record);
        // cleared before this thread can write a batch: an interrupt would close the channel under every caller in it
        boolean interrupted = Thread.interrupted();
        queue.add(mine);
        while (!mine.done) {
            if (writer.tryLock()) {
                try {
                    while (!mine.done) { // a batch written by another caller may have taken it already
                        writeBatch();
                    }
                } finally {
                    unlockAndWakeNext();
                }
            } else { // a batch is in flight; its writer wakes this caller when done, or to write the next
                LockSupport.parkNanos(this, 5_000_000L);
                interrupted |= Thread.interrupted(); // the record is written anyway; the flag is restored below
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw new AuditWriteException(mine.failure, mine.cause); // one per caller: each gets its own stack
        }
        return mine.linked;
    }

    /** Releases the writer lock; the oldest queued caller, if any, then writes the records that queued meanwhile. */
    private void unlockAndWakeNext() {
        writer.unlock();
        Pending next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    /** Writes, forces and signs everything queued (up to {@link #MAX_BATCH}); called with the writer lock held. */
    private void writeBatch() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        try {
            writeBatch(batch);
        } finally {
            if (batch.stream().anyMatch(p -> !p.done)) { // an Error escaped: the chain state is unknown, fail closed
                broken = new IOException("unexpected error while writing a batch");
                batch.stream().filter(p -> !p.done).forEach(p -> p.fail("audit write failed: " + broken, null));
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (broken != null) {
            String why = "audit file " + file + " could not be restored after a failed write (" + broken.getMessage()
                    + "): no further records until restart";
            batch.forEach(p -> p.fail(why, broken));
            return;
        }
        List<Pending> linked = new ArrayList<>(batch.size());
        ByteArrayOutputStream lines = new ByteArrayOutputStream(batch.size() * 1024);
        for (Pending p : batch) {
            DecisionRecord r = null;
            try {
                HashChain.Linked l = chain.linkWithLine(p.record);
                r = l.record();
                lines.writeBytes(l.line().getBytes(StandardCharsets.UTF_8));
                lines.write('\n');
                p.linked = r;
                linked.add(p);
            } catch (RuntimeException e) { // this record cannot be written; the rest of the batch can
                if (r != null) {
                    chain.unlink(r);
                }
                p.fail("audit write failed: " + e.getMessage(), e);
            }
        }
        if (linked.isEmpty()) {
            return;
        }
        long before = -1;
        try {
            before = regular ? channel.size() : -1;
            ByteBuffer buf = ByteBuffer.wrap(lines.toByteArray());
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
            if (head != null) {
                head.write(chain.heads()); // after the records are durable: the head never names a record not on disk
            }
        } catch (IOException | RuntimeException e) {
            // The heads already advanced; take the whole batch back so the chain stays continuous once the disk recovers.
            for (int i = linked.size() - 1; i >= 0; i--) {
                chain.unlink(linked.get(i).linked);
            }
            cutBack(before, e instanceof JsonlHeadFile.ReplacedException);
            linked.forEach(p -> p.fail("audit write failed: " + e.getMessage(), e));
            return;
        }
        if (regular) {
            committed = before + lines.size();
        }
        linked.forEach(Pending::complete);
    }

    /** The sum of the tenants' head sequence numbers: each chain numbers its records from 1 without gaps. */
    @Override
    public java.util.OptionalLong count() {
        writer.lock(); // the chain's heads change under the writer lock only
        try {
            return java.util.OptionalLong.of(chain.heads().values().stream().mapToLong(HashChain.Head::seq).sum());
        } finally {
            unlockAndWakeNext();
        }
    }

    /** Removes a partly or wholly written line and restores the signed head; if that fails, refuses further appends. */
    private void cutBack(long size, boolean headReplaced) {
        if (size < 0) {
            return;
        }
        try {
            if (channel.size() > size) {
                channel.truncate(size);
                channel.force(false);
            }
            if (headReplaced) {
                head.write(chain.heads());
            }
        } catch (IOException | RuntimeException e) {
            broken = e instanceof IOException io ? io : new IOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Verifies every link and, with a head key, that the file ends exactly at the head signed in {@code <file>.head}
     * (read from disk, not from memory): a cut, rewritten or extended tail and an altered head file are reported.
     */
    @Override
    public ChainVerification verify() {
        Map<String, HashChain.Head> signed = null;
        Optional<JsonlHeadFile.Signed> stored = Optional.empty();
        long size;
        writer.lock(); // the head and the length of the file that it signs, read together; the scan runs unlocked
        try {
            if (head != null) {
                stored = head.read();
            }
            size = regular && Files.exists(file) ? Files.size(file) : Long.MAX_VALUE;
        } catch (IOException e) {
            return new ChainVerification(false, 0, null, null, "cannot read audit file " + file + ": "
                    + e.getMessage());
        } finally {
            unlockAndWakeNext();
        }
        if (head != null) {
            if (stored.isEmpty()) {
                return new ChainVerification(false, 0, null, null, "the signed head " + head.path() + " is missing");
            }
            if (!head.authentic(stored.get())) {
                return new ChainVerification(false, 0, null, null, "the signature of " + head.path()
                        + " does not match its heads (head file altered, or another key)");
            }
            signed = stored.get().heads();
        }
        try {
            if (!Files.exists(file)) {
                return signed == null ? HashChainVerifier.verify(List.of())
                        : HashChainVerifier.verifyExactHeads(List.of(), signed);
            }
            try (Stream<String> lines = BoundedLines.of(file, size)) {
                return signed == null ? HashChainVerifier.verify(lines::iterator)
                        : HashChainVerifier.verifyExactHeads(lines::iterator, signed);
            }
        } catch (IOException | UncheckedIOException e) {
            return new ChainVerification(false, 0, null, null, "cannot read audit file " + file + ": "
                    + e.getMessage());
        }
    }

    /** Reads the file back; a line that does not parse is an error, never skipped (it would hide tampering). */
    @Override
    public List<DecisionRecord> query(AuditFilter filter) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            // streamed: only matching records (at most the filter's limit) are kept in memory
            try (Stream<String> lines = BoundedLines.of(file, committed)) {
                return filter.select(() -> lines.filter(l -> !l.isBlank()).map(JsonlAuditSink::parse).iterator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the file as it was when the call started (records appended meanwhile are not included) without
     * holding the sink's lock, so appends are not blocked by a long export.
     */
    @Override
    public long forEachRecord(String tenant, Consumer<? super DecisionRecord> action) {
        long n = 0;
        try (Stream<String> lines = BoundedLines.of(file, committed)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                DecisionRecord r = parse(line);
                if (tenant == null || tenant.equals(r.tenant())) {
                    action.accept(r);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit file " + file + ": " + e.getMessage(), e);
        }
        return n;
    }

    private static DecisionRecord parse(String line) {
        try {
            return CanonicalJson.MAPPER.readValue(line, DecisionRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable audit record: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        writer.lock();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new AuditWriteException("audit flush failed: " + e.getMessage(), e);
        } finally {
            unlockAndWakeNext();
        }
    }

    @Override
    public void close() {
        writer.lock();
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new AuditWriteException("audit close failed: " + e.getMessage(), e);
        } finally {
            unlockAndWakeNext();
        }
    }
}
