package dev.warden.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which boot of the machine this process runs in: Linux's {@code /proc/sys/kernel/random/boot_id}, a random UUID the
 * kernel draws at every boot. A JSONL head signed with the same boot id as the current one was written since the last
 * boot, so whatever the process wrote to the page cache before it died is still there (decision 0047).
 */
final class BootId {
    private static final Path SOURCE = Path.of("/proc/sys/kernel/random/boot_id");
    private static final String CURRENT = read();

    private BootId() {}

    /** The current boot id, or {@code null} where the platform does not tell (heads are then forced every batch). */
    static String current() {
        return CURRENT;
    }

    private static String read() {
        try {
            String id = Files.readString(SOURCE, StandardCharsets.US_ASCII).trim();
            return id.isEmpty() || id.equals(JsonlHeadFile.CLOSED) ? null : id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
