package dev.warden.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ToolPinStore} kept in one JSON file, rewritten atomically (temp file + move) on every change, so approvals
 * survive restarts. Thread-safe within one process; do not share the file between processes.
 *
 * <p>A file that cannot be read or parsed fails {@link #open} with {@link McpConfigurationException} rather than
 * silently starting with no pins (which would only block calls, but would hide the operator's mistake).
 */
public final class FileToolPinStore implements ToolPinStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<List<PinJson>> PINS = new TypeReference<>() {};

    /** File format, one entry per pin; {@code approvedAt} in ISO-8601. */
    record PinJson(String serverId, String toolName, String descriptionSha256, String schemaSha256,
            String approvedBy, String approvedAt) {
        static PinJson of(ToolPin p) {
            return new PinJson(p.serverId(), p.toolName(), p.fingerprint().descriptionSha256(),
                    p.fingerprint().schemaSha256(), p.approvedBy(), p.approvedAt().toString());
        }

        ToolPin toPin() {
            return new ToolPin(serverId, toolName, new ToolFingerprint(descriptionSha256, schemaSha256), approvedBy,
                    Instant.parse(approvedAt));
        }
    }

    private final Path file;
    private final Map<String, ToolPin> pins = new LinkedHashMap<>();

    private FileToolPinStore(Path file) {
        this.file = file;
    }

    /** Opens (or, if absent, starts) the pin file. */
    public static FileToolPinStore open(Path file) {
        FileToolPinStore store = new FileToolPinStore(file);
        if (Files.exists(file)) {
            try {
                for (PinJson j : JSON.readValue(file.toFile(), PINS)) {
                    ToolPin p = j.toPin();
                    store.pins.put(p.key(), p);
                }
            } catch (IOException | RuntimeException e) {
                throw new McpConfigurationException("cannot read MCP pin file " + file + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    @Override
    public synchronized Optional<ToolPin> find(String serverId, String toolName) {
        return Optional.ofNullable(pins.get(ToolPin.key(serverId, toolName)));
    }

    @Override
    public synchronized void save(ToolPin pin) {
        pins.put(pin.key(), pin);
        write();
    }

    @Override
    public synchronized void revoke(String serverId, String toolName) {
        if (pins.remove(ToolPin.key(serverId, toolName)) != null) {
            write();
        }
    }

    @Override
    public synchronized List<ToolPin> all() {
        return List.copyOf(pins.values());
    }

    private void write() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            List<PinJson> out = new ArrayList<>();
            pins.values().forEach(p -> out.add(PinJson.of(p)));
            JSON.writeValue(tmp.toFile(), out);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write MCP pin file " + file, e);
        }
    }
}
