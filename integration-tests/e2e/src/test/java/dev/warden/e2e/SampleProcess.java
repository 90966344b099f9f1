package dev.warden.e2e;

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
import java.util.Map;

/**
 * The packaged sample started as a separate JVM, exactly as an operator runs it. Records the wall-clock time from
 * process start until readiness answers UP, and the resident set size read from /proc.
 */
public final class SampleProcess implements AutoCloseable {
    public final int port;
    final long startupMillis;
    public final Path log;
    private final Process process;

    public SampleProcess(Path jar, Path workDir, List<String> systemProperties) throws IOException,
            InterruptedException {
        this(List.of(), jar, workDir, systemProperties);
    }

    /**
     * @param launcher command words put before {@code java}, e.g. to start the sample in its own mount namespace
     */
    public SampleProcess(List<String> launcher, Path jar, Path workDir, List<String> systemProperties)
            throws IOException, InterruptedException {
        this(launcher, jar, workDir, systemProperties, Map.of());
    }

    /**
     * @param environment environment variables added to this JVM's for the sample, as an operator exports them
     *     (e.g. {@code WARDEN_MODEL=provider}, {@code OPENAI_BASE_URL})
     */
    public SampleProcess(Path jar, Path workDir, List<String> systemProperties, Map<String, String> environment)
            throws IOException, InterruptedException {
        this(List.of(), jar, workDir, systemProperties, environment);
    }

    private SampleProcess(List<String> launcher, Path jar, Path workDir, List<String> systemProperties,
            Map<String, String> environment) throws IOException, InterruptedException {
        this.port = freePort();
        this.log = workDir.resolve("sample.log");
        long t0 = System.nanoTime();
        process = launch(launcher, jar, workDir, port, log, systemProperties, environment);
        awaitReady(Duration.ofSeconds(180)); // generous: CI machines shared by many builds start slowly
        startupMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** How a start that is expected to fail ended: the exit code and everything the process logged. */
    public record Exit(int code, String log) {}

    /**
     * Starts the jar and waits for the process to end by itself (a start the service must refuse); a process still
     * running after {@code timeout} is killed and reported as such.
     */
    public static Exit runToExit(Path jar, Path workDir, List<String> systemProperties, Duration timeout)
            throws IOException, InterruptedException {
        Path log = workDir.resolve("sample.log");
        Process p = launch(List.of(), jar, workDir, freePort(), log, systemProperties, Map.of());
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("sample still running after " + timeout + ":\n" + Files.readString(log));
        }
        return new Exit(p.exitValue(), Files.readString(log));
    }

    private static Process launch(List<String> launcher, Path jar, Path workDir, int port, Path log,
            List<String> systemProperties, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged sample not found: " + jar + " (build sample-agents first)");
        }
        Files.createDirectories(workDir);
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.addAll(systemProperties);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The packaged banking sample this build made (system property {@code warden.sample.jar}). */
    public static Path bankingJar() {
        return Path.of(System.getProperty("warden.sample.jar"));
    }

    /**
     * The banking sample packaged with the inventory and kill switch shared on PostgreSQL
     * ({@code sample-agents/banking-assistant-shared-inventory}); the default banking jar leaves Hibernate out.
     */
    public static Path sharedInventoryBankingJar() {
        return sampleJar("banking-assistant-shared-inventory");
    }

    /** The packaged jar of another sample of this build, e.g. {@code crm-analyst}. */
    public static Path sampleJar(String sample) {
        return Path.of(System.getProperty("warden.samples.dir"), sample, "target", "quarkus-app", "quarkus-run.jar");
    }

    /** Everything the process has logged so far. */
    public String logText() throws IOException {
        return Files.readString(log);
    }

    /** Process id (of the JVM when the launcher execs it). */
    public long pid() {
        return process.pid();
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** Resident set size in MiB, from /proc (Linux). */
    long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sample exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("sample not ready within " + timeout + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the sample as {@code kill -9} would: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
