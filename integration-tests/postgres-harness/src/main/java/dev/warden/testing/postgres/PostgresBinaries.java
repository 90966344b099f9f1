package dev.warden.testing.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finds the PostgreSQL server binaries and runs them, as the {@code postgres} OS user when the JVM is root. */
final class PostgresBinaries {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private final Path binDir;
    private final boolean asPostgresUser;

    private PostgresBinaries(Path binDir, boolean asPostgresUser) {
        this.binDir = binDir;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} (or {@code $WARDEN_PG_BIN}). */
    static PostgresBinaries locate() {
        String override = System.getenv("WARDEN_PG_BIN");
        Path bin = override != null ? Path.of(override) : newestDebianBin();
        if (bin == null || !Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL server binaries not found under " + DEBIAN_ROOT
                    + "/*/bin (or $WARDEN_PG_BIN). Install them with: apt-get install -y postgresql");
        }
        return new PostgresBinaries(bin, "root".equals(System.getProperty("user.name")));
    }

    private static Path newestDebianBin() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin")).filter(Files::isDirectory)
                    .max(Comparator.comparingInt(PostgresBinaries::majorVersion)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String bin(String name) {
        return binDir.resolve(name).toString();
    }

    /** Gives {@code dir} to the {@code postgres} user when running as root (PostgreSQL refuses to run as root). */
    void handOver(Path dir) {
        if (asPostgresUser) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir, false);
        }
    }

    void run(List<String> command, Path workDir) {
        run(command, workDir, asPostgresUser);
    }

    private static void run(List<String> command, Path workDir, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("local-postgres", ".out");
            try {
                Process p = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", full));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + String.join(" ", full)
                            + "\n" + Files.readString(out, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + full, e);
        }
    }
}
