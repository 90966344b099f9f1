package dev.warden.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.core.WardenCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signed head of a JSONL audit file, kept beside it as {@code <file>.head}:
 * {@code {"boot":"<boot id>","heads":{"<tenant>":{"hash":…,"seq":…}},"mac":"<ChainHeadMac.signHeads>"}}. Files written
 * before decision 0047 have no {@code boot} and a v1 signature over the heads alone; they are still read and verified.
 *
 * <p>A <em>forced</em> write replaces the file atomically (write a temporary file, force it, rename it over the old
 * one, force the directory), so that it survives power loss. An unforced (lagging) one survives the process (kill -9)
 * but may be lost with the machine (decision 0047: the lag is bounded by the sink); it is written <em>in place</em>
 * when it fits in one {@link #SLOT}-byte sector and the file already has that size (decision 0052): one {@code pwrite}
 * of a single sector at offset 0, which the kernel applies to the page cache whole or not at all when the process
 * dies, instead of creating, writing and renaming a new file (whose rename also made ext4 start writing the data back
 * at every batch). Heads are padded with spaces to {@link #SLOT} bytes so that the size never changes in place;
 * readers parse the first JSON value and ignore the padding. A head that does not fit (many tenants) is always
 * replaced by rename.
 */
final class JsonlHeadFile {
    /**
     * Heads as read from the file, with their signature and the boot they were written under ({@code null}: a v1
     * head, {@link #CLOSED}: written by a clean close).
     */
    record Signed(Map<String, HashChain.Head> heads, String mac, String boot) {}

    /** The boot a cleanly closed sink writes: every head before it was forced, nothing may follow unsigned. */
    static final String CLOSED = "closed";

    /** One disk sector: a head written in place is one aligned sector, written whole or not at all. */
    static final int SLOT = 512;

    private final Path path;
    private final Path temp;
    private final ChainHeadMac mac;
    private final boolean fsync;

    JsonlHeadFile(Path auditFile, ChainHeadMac mac, boolean fsync) {
        this.path = auditFile.resolveSibling(auditFile.getFileName() + ".head");
        this.temp = auditFile.resolveSibling(auditFile.getFileName() + ".head.tmp");
        this.mac = mac;
        this.fsync = fsync;
    }

    Path path() {
        return path;
    }

    ChainHeadMac mac() {
        return mac;
    }

    /** The stored heads, or empty when there is no head file. */
    Optional<Signed> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AuditFileException(WardenCodes.AUDIT_FILE_UNREADABLE,
                    "cannot read the signed head " + path + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = CanonicalJson.MAPPER.readTree(bytes);
            Map<String, HashChain.Head> heads = new LinkedHashMap<>();
            root.path("heads").fields().forEachRemaining(e -> heads.put(e.getKey(),
                    new HashChain.Head(e.getValue().path("seq").asLong(), e.getValue().path("hash").asText())));
            return Optional.of(new Signed(Map.copyOf(heads), root.path("mac").asText(null),
                    root.path("boot").asText(null)));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Signed(Map.of(), null, null)); // unreadable: reported as an invalid signature
        }
    }

    /** Whether the stored signature is that of the stored heads under this key. */
    boolean authentic(Signed signed) {
        return signed.boot() == null ? mac.verifyHeads(signed.heads(), signed.mac())
                : mac.verifyHeads(signed.heads(), signed.boot(), signed.mac());
    }

    /**
     * Signs {@code heads} with {@code boot} ({@code null}: a v1 head without one) and stores them; with {@code force}
     * (and fsync on) the new head is durable when this returns, else it survives the process but not the machine.
     */
    void write(Map<String, HashChain.Head> heads, String boot, boolean force) throws IOException {
        boolean durable = force && fsync;
        byte[] bytes = padded((canonical(heads, boot) + "\n").getBytes(StandardCharsets.UTF_8));
        if (!durable && bytes.length == SLOT && writtenInPlace(bytes)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (durable) {
                ch.force(true);
            }
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durable) {
            try {
                forceDirectory(path.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new ReplacedException(e);
            }
        }
    }

    /**
     * The stored head's canonical JSON with its signature: by hand where every string is plain ({@link HeadJson},
     * decision 0072), else through Jackson; the same text either way.
     */
    String canonical(Map<String, HashChain.Head> heads, String boot) {
        String headsJson = HeadJson.heads(heads);
        String signature = boot == null ? mac.signHeads(heads) : mac.signHeads(heads, boot, headsJson);
        String fast = headsJson == null ? null : HeadJson.stored(boot, headsJson, signature);
        if (fast != null) {
            return fast;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> byTenant = new LinkedHashMap<>();
        heads.forEach((t, h) -> byTenant.put(t, Map.of("seq", h.seq(), "hash", h.hash())));
        if (boot != null) {
            body.put("boot", boot);
        }
        body.put("heads", byTenant);
        body.put("mac", signature);
        return CanonicalJson.write(body);
    }

    /** {@code bytes} padded with spaces to {@link #SLOT} when shorter, else as they are. */
    private static byte[] padded(byte[] bytes) {
        if (bytes.length >= SLOT) {
            return bytes;
        }
        byte[] out = java.util.Arrays.copyOf(bytes, SLOT);
        java.util.Arrays.fill(out, bytes.length, SLOT, (byte) ' ');
        return out;
    }

    /**
     * Overwrites the head file in place with one sector, if it exists and has exactly that size (written by this
     * version; an older, unpadded head is replaced by rename once). Opening failures leave the old head as it was
     * (plain {@link IOException}); a failure after opening may have changed it ({@link ReplacedException}: the caller
     * writes the old head back, forced).
     *
     * @return false when the file cannot be written in place (missing, other size): replace it by rename instead
     */
    private boolean writtenInPlace(byte[] bytes) throws IOException {
        FileChannel ch;
        try {
            ch = inPlace.open(path);
        } catch (NoSuchFileException e) {
            return false;
        }
        boolean sized;
        try {
            sized = ch.size() == SLOT;
        } catch (IOException e) {
            closeAfter(ch, e);
            throw e;
        }
        if (!sized) {
            ch.close();
            return false;
        }
        // From the write on, the head may have changed, including when only closing the channel fails (review10
        // L1: a close failure reported as "head unchanged" left a head naming the batch that was cut back)
        try (ch) {
            if (ch.write(ByteBuffer.wrap(bytes), 0) != SLOT) { // a sector: never short on a regular file
                throw new IOException("short write of the signed head " + path);
            }
        } catch (IOException e) {
            throw new ReplacedException(e);
        }
        return true;
    }

    private static void closeAfter(FileChannel ch, IOException failure) {
        try {
            ch.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Opens the existing head for a write in place; replaced in tests to inject faults a real disk rarely shows. */
    @FunctionalInterface
    interface InPlaceOpener {
        FileChannel open(Path head) throws IOException;
    }

    private InPlaceOpener inPlace = head -> FileChannel.open(head, StandardOpenOption.WRITE);

    /** Tests: how the head is opened for a write in place. */
    void openInPlaceWith(InPlaceOpener opener) {
        this.inPlace = opener;
    }

    /** The new head was renamed into place but may not be durable: the caller must write the old one back. */
    static final class ReplacedException extends IOException {
        ReplacedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Makes the rename durable; platforms that cannot open a directory (Windows) skip it. */
    private static void forceDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }
}
