package dev.warden.testing.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for the throw-away cluster directory. */
final class PostgresFiles {
    private PostgresFiles() {}

    /**
     * Deletes the {@code jvm-<pid>} cluster directories under {@code root} whose JVM is no longer running (a killed
     * build cannot run its shutdown hook). A server such a JVM left running notices its data directory is gone and
     * shuts itself down.
     */
    static void removeAbandonedClusters(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.startsWith("jvm-")) {
                    continue;
                }
                long pid = Long.parseLong(name.substring(4));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteTree(dir);
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("local-postgres: could not clean " + root + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
