package dev.warden.core.audit;

import dev.warden.core.WardenCodes;
import dev.warden.spi.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p><b>Fewer forced writes, and waiting where it matters</b> (decision 0047). Where the platform names its boot
 * ({@code /proc/sys/kernel/random/boot_id}), the signed head is rewritten after every batch but forced only every
 * {@value #HEAD_LAG_RECORDS} records (and at start, flush and close). {@link #appendLinked} returns once the record is
 * linked; the runtime's next {@link #append} of the same run waits for it and fails if it was lost.
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

    /**
     * How many records may be written after the last <em>forced</em> signed head before the head is forced again
     * (decision 0047). Heads in between are written (they survive kill -9) but not forced; after a crash of the
     * machine, at most this many records plus one batch can be past the head on disk, and are adopted at start.
     */
    static final int HEAD_LAG_RECORDS = 256;

    private final Path file;
    private final boolean regular;
    private final JsonlHeadFile head;
    private final JsonlGroupCommit commit;

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
        this(file, options, options.forceEveryHead() ? null : BootId.current());
    }

    /** As {@link #JsonlAuditSink(Path, JsonlAuditOptions)} under a given boot id ({@code null}: heads always forced). */
    JsonlAuditSink(Path file, JsonlAuditOptions options, String boot) {
        this.file = file;
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
        List<JsonlOpenCheck.Notice> notices = JsonlOpenCheck.run(file, scan, head, options, boot);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            this.commit = new JsonlGroupCommit(file.toString(), channel, options.fsync(), regular, head, boot,
                    scan.heads, !notices.isEmpty(), options.commitDelayNanos());
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new AuditWriteException("cannot open audit file " + file + ": " + e.getMessage(), e);
        }
        for (JsonlOpenCheck.Notice n : notices) {
            append(notice(n));
        }
        if (!notices.isEmpty()) {
            flush(); // the head now covers the adopted records and their notices: force it before serving
        }
    }

    /** The write path (tests in this package). */
    JsonlGroupCommit commit() {
        return commit;
    }

    /** The signed head file, {@code null} without a head key (tests in this package). */
    JsonlHeadFile head() {
        return head;
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
     * @throws AuditWriteException if it was not persisted (the file is then as it was before the call), or if an
     *     earlier {@link #appendLinked} record of the same run could not be written
     */
    @Override
    public DecisionRecord append(DecisionRecord record) {
        return commit.submit(record, true);
    }

    /**
     * Links the record and returns it before it is durable; it is written with the next batch (a flusher thread
     * writes one as soon as the disk is free). Records without a run id are appended as by {@link #append}.
     */
    @Override
    public DecisionRecord appendLinked(DecisionRecord record) {
        return commit.submit(record, record.runId() == null);
    }

    /** The sum of the tenants' head sequence numbers on disk: each chain numbers its records from 1 without gaps. */
    @Override
    public java.util.OptionalLong count() {
        return java.util.OptionalLong.of(commit.count());
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
        commit.writer.lock(); // the head and the length of the file that it signs, read together; scan unlocked
        try {
            if (head != null) {
                stored = head.read();
            }
            size = regular && Files.exists(file) ? Files.size(file) : Long.MAX_VALUE;
        } catch (IOException e) {
            return new ChainVerification(false, 0, null, null, "cannot read audit file " + file + ": "
                    + e.getMessage());
        } finally {
            commit.unlockAndWakeNext();
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
            try (Stream<String> lines = BoundedLines.of(file, commit.committed())) {
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
        try (Stream<String> lines = BoundedLines.of(file, commit.committed())) {
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

    /** Writes every queued record, forces the file and, if it lags behind, the signed head. */
    @Override
    public void flush() {
        try {
            commit.flush(false);
        } catch (IOException e) {
            throw new AuditWriteException("audit flush failed: " + e.getMessage(), e);
        }
    }

    /** Writes every queued record and closes the file; the signed head is forced and marked as cleanly closed. */
    @Override
    public void close() {
        try {
            commit.close();
        } catch (IOException e) {
            throw new AuditWriteException("audit close failed: " + e.getMessage(), e);
        }
    }
}
