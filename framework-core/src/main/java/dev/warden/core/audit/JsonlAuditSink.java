package dev.warden.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.spi.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Append-only JSON Lines file, one hash-chained {@link DecisionRecord} per line: the embedded default.
 *
 * <p>On start the existing file is read to restore each tenant's chain head, so a restarted process continues the
 * chain. With {@code fsync} on, {@link #append} returns only after the line reached the disk. A write that fails (a full
 * disk, a revoked permission) throws {@link AuditWriteException}: the runtime then does not act on the decision.
 */
public final class JsonlAuditSink implements AuditSink {
    private final Path file;
    private final boolean fsync;
    private final HashChain chain = new HashChain();
    private FileChannel channel;

    public JsonlAuditSink(Path file, boolean fsync) {
        this.file = file;
        this.fsync = fsync;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            restoreHeads();
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AuditWriteException("cannot open audit file " + file + ": " + e.getMessage(), e);
        }
    }

    private void restoreHeads() throws IOException {
        if (!Files.isRegularFile(file)) {
            return; // new file, or a device such as /dev/full in tests
        }
        // streamed: the file can be far larger than the heap; only each tenant's last link is kept
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = CanonicalJson.MAPPER.readTree(line);
                chain.restore(n.path("tenant").asText("default"), n.path("seq").asLong(), n.path("hash").asText());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public synchronized DecisionRecord append(DecisionRecord record) {
        DecisionRecord linked = chain.link(record);
        byte[] line = (CanonicalJson.write(linked) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            // The head already advanced; roll it back so the chain stays continuous once the disk recovers.
            rollback(record.tenant(), linked);
            throw new AuditWriteException("audit write failed: " + e.getMessage(), e);
        }
        return linked;
    }

    private void rollback(String tenant, DecisionRecord linked) {
        chain.restore(tenant, linked.seq() - 1, linked.prevHash());
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized ChainVerification verify() {
        try {
            if (!Files.exists(file)) {
                return HashChainVerifier.verify(List.of());
            }
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                return HashChainVerifier.verify(lines::iterator);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
