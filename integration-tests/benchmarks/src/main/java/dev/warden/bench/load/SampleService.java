package dev.warden.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sample ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a child JVM, started exactly as an
 * operator starts it plus the given system properties, and stopped when closed.
 */
final class SampleService implements AutoCloseable {
    final int port;
    final Path workDir;
    final Path log;
    final long startMillis;
    private final Process process;

    SampleService(Path jar, Path workDir, List<String> jvmArgs) throws IOException, InterruptedException {
        this(jar, workDir, jvmArgs, java.util.Map.of());
    }

    /** As above, with extra environment variables (e.g. {@code WARDEN_MODEL}, {@code OPENAI_BASE_URL}). */
    SampleService(Path jar, Path workDir, List<String> jvmArgs, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged sample not found: " + jar
                    + " (package sample-agents/banking-assistant first)");
        }
        this.port = freePort();
        this.workDir = Files.createDirectories(workDir);
        this.log = workDir.resolve("service.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        process = builder.start();
        try {
            awaitReady(Duration.ofSeconds(180));
        } catch (RuntimeException | IOException | InterruptedException e) {
            close();
            throw e;
        }
        startMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time the service process has used so far (all its threads: request handling, GC, JIT), in nanoseconds, or
     * -1 where the platform does not say.
     */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * CPU time (user + system, nanoseconds) the service's threads have used so far, excluding the JIT compiler and
     * garbage-collector threads: the work of serving requests, which does not shrink per run as the JVM warms up.
     * Read from Linux {@code /proc/<pid>/task/*\/stat}; -1 elsewhere.
     */
    long applicationCpuNanos() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        long ticks = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path t : dirs.toList()) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("GC Thread")
                        || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** Resident set size in MiB (Linux /proc), or -1 where unavailable. */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("service not ready within " + timeout + ":\n" + logText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
