package dev.warden.core.audit;

import dev.warden.core.WardenCodes;
import dev.warden.spi.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * <pre>{@code
 * try (var sink = new JsonlAuditSink(path, JsonlAuditOptions.signed(true, key))) {
 *     sink.append(record);
 * }
 * }</pre>
 */
public final class JsonlAuditSink implements AuditSink {
    private final Path file;
    private final boolean fsync;
    private final boolean regular;
    private final JsonlHeadFile head;
    private final HashChain chain = new HashChain();
    private FileChannel channel;
    private IOException broken;

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
     * Writes the record (and, with a head key, the new signed head) and returns it linked into its tenant's chain.
     *
     * @throws AuditWriteException if it was not persisted; the file is then as it was before the call
     */
    @Override
    public synchronized DecisionRecord append(DecisionRecord record) {
        if (broken != null) {
            throw new AuditWriteException("audit file " + file + " could not be restored after a failed write ("
                    + broken.getMessage() + "): no further records until restart", broken);
        }
        DecisionRecord linked = chain.link(record);
        byte[] line = (CanonicalJson.write(linked) + "\n").getBytes(StandardCharsets.UTF_8);
        long before = -1;
        try {
            before = regular ? channel.size() : -1;
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
            if (head != null) {
                head.write(chain.heads()); // after the record is durable: the head never names a record not on disk
            }
        } catch (IOException | RuntimeException e) {
            // The head already advanced; roll it back so the chain stays continuous once the disk recovers.
            rollback(record.tenant(), linked);
            cutBack(before, e instanceof JsonlHeadFile.ReplacedException);
            throw new AuditWriteException("audit write failed: " + e.getMessage(), e);
        }
        return linked;
    }

    /** The sum of the tenants' head sequence numbers: each chain numbers its records from 1 without gaps. */
    @Override
    public synchronized java.util.OptionalLong count() {
        return java.util.OptionalLong.of(chain.heads().values().stream().mapToLong(HashChain.Head::seq).sum());
    }

    private void rollback(String tenant, DecisionRecord linked) {
        chain.restore(tenant, linked.seq() - 1, linked.prevHash());
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
    public synchronized ChainVerification verify() {
        Map<String, HashChain.Head> signed = null;
        if (head != null) {
            Optional<JsonlHeadFile.Signed> stored = head.read();
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
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
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
    public synchronized List<DecisionRecord> query(AuditFilter filter) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            // streamed: only matching records (at most the filter's limit) are kept in memory
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
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
        long size;
        synchronized (this) {
            try {
                size = channel.size(); // append returns only after its whole line is written: a line boundary
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read audit file " + file + ": " + e.getMessage(), e);
            }
        }
        long consumed = 0;
        long n = 0;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                consumed += line.getBytes(StandardCharsets.UTF_8).length + 1L;
                if (consumed > size) {
                    break;
                }
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
    public synchronized void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new AuditWriteException("audit flush failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new AuditWriteException("audit close failed: " + e.getMessage(), e);
        }
    }
}
