package dev.warden.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.core.WardenCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One streaming pass over a JSONL audit file at start: each tenant's last link as stored, the file's last records
 * (one batch), where the last complete line ends, and a cut-off last line (bytes after the last line end: a write interrupted
 * by a crash or a full disk). A complete line that is not a record is corruption and is reported with its line number;
 * it is never skipped. Only the file's last link per tenant is kept, so the file may be far larger than the heap.
 */
final class JsonlFileScan {
    /** One of the last records of the file: the only ones that can have been written but not signed before a crash. */
    record LastRecord(long line, String tenant, long seq, String prevHash, String hash) {}

    /** Bytes after the last line end. */
    record TornLine(long line, long offset, long bytes) {}

    final Map<String, HashChain.Head> heads = new HashMap<>();
    long records;
    long lines;
    long validEnd;
    /** The file's last records, oldest first, at most one batch of the sink ({@link JsonlAuditSink#MAX_BATCH}). */
    final ArrayDeque<LastRecord> tail = new ArrayDeque<>();
    TornLine torn;

    static JsonlFileScan of(Path file) {
        JsonlFileScan scan = new JsonlFileScan();
        if (!Files.isRegularFile(file)) {
            return scan; // a new file, or a device such as /dev/full in tests
        }
        try (InputStream in = Files.newInputStream(file)) {
            scan.read(in, file);
        } catch (IOException e) {
            throw new AuditFileException(WardenCodes.AUDIT_FILE_UNREADABLE,
                    "cannot read audit file " + file + ": " + e.getMessage(), e);
        }
        return scan;
    }

    private void read(InputStream in, Path file) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        byte[] chunk = new byte[1 << 16];
        long offset = 0;
        int n;
        while ((n = in.read(chunk)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, start, i - start);
                    lines++;
                    record(line.toString(StandardCharsets.UTF_8), file);
                    line.reset();
                    start = i + 1;
                    validEnd = offset + i + 1;
                }
            }
            line.write(chunk, start, n - start);
            offset += n;
        }
        if (line.size() > 0) {
            torn = new TornLine(lines + 1, validEnd, line.size());
        }
    }

    private void record(String text, Path file) {
        if (text.isBlank()) {
            return;
        }
        JsonNode n;
        try {
            n = CanonicalJson.MAPPER.readTree(text);
        } catch (IOException e) {
            n = null;
        }
        if (n == null || !n.isObject() || !n.hasNonNull("seq") || !n.hasNonNull("hash")) {
            throw new AuditFileException(WardenCodes.AUDIT_FILE_UNREADABLE, "audit file " + file + ": line " + lines
                    + " is not a decision record (a complete line in the middle of the trail: corruption or"
                    + " tampering, never skipped). Keep the file for investigation and start on a new audit file.",
                    null);
        }
        records++;
        String tenant = n.path("tenant").asText("default");
        long seq = n.get("seq").asLong();
        String hash = n.get("hash").asText();
        heads.put(tenant, new HashChain.Head(seq, hash));
        if (tail.size() > JsonlAuditSink.HEAD_LAG_RECORDS + JsonlAuditSink.MAX_BATCH) { // one more: "too many" is seen
            tail.removeFirst();
        }
        tail.addLast(new LastRecord(lines, tenant, seq, n.path("prevHash").asText(HashChain.GENESIS), hash));
    }
}
