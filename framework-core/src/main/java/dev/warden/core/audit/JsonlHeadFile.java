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
 * {@code {"heads":{"<tenant>":{"hash":…,"seq":…}},"mac":"<ChainHeadMac.signHeads>"}}.
 *
 * <p>Replaced atomically (write a temporary file, force it, rename over the old one, force the directory), so a crash
 * leaves either the old or the new head, never a torn one.
 */
final class JsonlHeadFile {
    /** Heads as read from the file, with their signature. */
    record Signed(Map<String, HashChain.Head> heads, String mac) {}

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
            return Optional.of(new Signed(Map.copyOf(heads), root.path("mac").asText(null)));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Signed(Map.of(), null)); // unreadable: reported as an invalid signature
        }
    }

    /** Whether the stored signature is that of the stored heads under this key. */
    boolean authentic(Signed signed) {
        return mac.verifyHeads(signed.heads(), signed.mac());
    }

    /** Signs and stores {@code heads}; when this returns (with fsync on) the new head is durable. */
    void write(Map<String, HashChain.Head> heads) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> byTenant = new LinkedHashMap<>();
        heads.forEach((t, h) -> byTenant.put(t, Map.of("seq", h.seq(), "hash", h.hash())));
        body.put("heads", byTenant);
        body.put("mac", mac.signHeads(heads));
        byte[] bytes = (CanonicalJson.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        if (fsync) {
            try {
                forceDirectory(path.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new ReplacedException(e);
            }
        }
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
