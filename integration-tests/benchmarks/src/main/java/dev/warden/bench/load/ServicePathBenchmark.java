package dev.warden.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service-path load harness (issue 17): starts the packaged banking sample (scripted model, JSONL audit) as a child
 * JVM, governed and then ungoverned ({@code warden.benchmark.ungoverned=true}: no planes, no audit), drives each with
 * the same {@link LoadGenerator} phase after a warm-up, and prints runs/s, latency percentiles, the
 * governed/ungoverned throughput ratio and the checkpoint latency the governed service recorded in its audit trail.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar dev.warden.bench.load.ServicePathBenchmark --mode=closed --clients=8 --seconds=30
 * java -cp target/benchmarks.jar dev.warden.bench.load.ServicePathBenchmark --mode=open --rate=150 --fsync=false
 * }</pre>
 * Options ({@code --name=value}): {@code jar}, {@code mode} (closed|open), {@code clients}, {@code rate},
 * {@code seconds}, {@code warmup} (seconds), {@code fsync} (true|false), {@code variants} (comma list of governed,
 * ungoverned, before, nodelay: governed with the audit commit delay off, nofsync: governed without forced writes, a
 * diagnostic of what durability costs and never a way to run), {@code rounds}, {@code before} (another
 * build's quarkus-run.jar, measured governed as variant {@code before}: a fix's before/after in one run; with
 * {@code provider} or {@code provider-ungoverned}: the sample with {@code WARDEN_MODEL=provider} and
 * {@code OPENAI_BASE_URL} pointing at an {@link OpenAiStub} in this JVM, governed or not; {@code provider-before}: the
 * {@code before} build so), {@code model-latency} (the stub's delay per answer, e.g. {@code 50ms}), {@code jfr}
 * (true, or a {@code .jfc} settings file: record each service with JFR from the end of its warm-up), {@code jvm}
 * (extra JVM options for the service, separated by spaces), {@code work} (directory).
 */
public final class ServicePathBenchmark {
    static final List<String> INPUTS = List.of("What is my balance?", "What is my IBAN?",
            "Show my scheduled transactions", "Show me my recent transactions");

    /**
     * One service start measured; {@code modelCalls}: chat completions the {@link OpenAiStub} answered for it over its
     * whole life (warm-up included), and {@code modelConnections} the TCP connections they came over; both -1 for a
     * variant on the in-process scripted model.
     */
    public record Measured(String variant, LoadResult load, AuditLatencies audit, long startMillis, long rssMiB,
            double cpuMillisPerRun, double appCpuMillisPerRun, long modelCalls, long modelConnections) {}

    /** Everything a harness run measured, in order. */
    public record Report(List<Measured> measured, String text) {
        /** Governed runs/s divided by ungoverned runs/s, over all rounds (NaN unless both were measured). */
        public double ratio() {
            double g = 0;
            double u = 0;
            for (Measured m : measured) {
                if (m.variant().equals("governed")) {
                    g += m.load().runs() / m.load().seconds();
                } else if (m.variant().equals("ungoverned")) {
                    u += m.load().runs() / m.load().seconds();
                }
            }
            return u == 0 || g == 0 ? Double.NaN : g / u;
        }

        /**
         * Ungoverned service CPU per run divided by governed service CPU per run, over all rounds: the throughput ratio
         * a CPU-bound service would reach, and far less sensitive than {@link #ratio()} to other load on the machine
         * (NaN unless both were measured and the platform reports process CPU).
         */
        public double cpuRatio() {
            return cpuPerRun("ungoverned", false) / cpuPerRun("governed", false);
        }

        /**
         * As {@link #cpuRatio()}, counting only the threads that serve requests (not the JIT compiler or the garbage
         * collector): JIT work is a cost per second of warm-up, not per run, and would count against the slower
         * variant on a machine where warm-up is slow.
         */
        public double appCpuRatio() {
            return cpuPerRun("ungoverned", true) / cpuPerRun("governed", true);
        }

        /** Throughput of variant {@code a} over variant {@code b}, over all rounds (NaN unless both were measured). */
        public double ratio(String a, String b) {
            double x = 0;
            double y = 0;
            for (Measured m : measured) {
                x += m.variant().equals(a) ? m.load().runs() / m.load().seconds() : 0;
                y += m.variant().equals(b) ? m.load().runs() / m.load().seconds() : 0;
            }
            return x == 0 || y == 0 ? Double.NaN : x / y;
        }

        /** The provider path's ratios, for those of its variants that were measured. */
        String providerLine() {
            StringBuilder sb = new StringBuilder();
            if (!Double.isNaN(ratio("provider", "provider-ungoverned"))) {
                sb.append(String.format(Locale.ROOT, "provider governed / ungoverned throughput: %.2f; service CPU per"
                        + " run, ungoverned / governed: %.2f%n", ratio("provider", "provider-ungoverned"),
                        cpuPerRun("provider-ungoverned", false) / cpuPerRun("provider", false)));
            }
            if (!Double.isNaN(ratio("provider", "provider-before"))) {
                sb.append(String.format(Locale.ROOT, "provider after / before (this build vs --before build): %.2f;"
                        + " service CPU per run, before / after: %.2f%n", ratio("provider", "provider-before"),
                        cpuPerRun("provider-before", false) / cpuPerRun("provider", false)));
            }
            return sb.toString();
        }

        double cpuPerRun(String variant, boolean application) {
            double cpu = 0;
            long runs = 0;
            for (Measured m : measured) {
                double perRun = application ? m.appCpuMillisPerRun() : m.cpuMillisPerRun();
                if (m.variant().equals(variant) && perRun > 0) {
                    cpu += perRun * m.load().runs();
                    runs += m.load().runs();
                }
            }
            return runs == 0 ? Double.NaN : cpu / runs;
        }

        /** "after / before" throughput line when variant {@code before} was measured beside {@code governed}. */
        String beforeAfter() {
            double after = 0;
            double before = 0;
            for (Measured m : measured) {
                double rate = m.load().runs() / m.load().seconds();
                after += m.variant().equals("governed") ? rate : 0;
                before += m.variant().equals("before") ? rate : 0;
            }
            return after == 0 || before == 0 ? "" : String.format(Locale.ROOT,
                    "governed after / before (this build vs --before build): %.2f; service CPU per run, before / after:"
                    + " %.2f (application threads: %.2f)%n", after / before, cpuPerRun("before", false)
                    / cpuPerRun("governed", false), cpuPerRun("before", true) / cpuPerRun("governed", true));
        }
    }

    private ServicePathBenchmark() {}

    public static void main(String[] args) throws Exception {
        Report report = run(options(args));
        System.out.println(report.text());
    }

    static Map<String, String> options(String... args) {
        Map<String, String> o = new HashMap<>(Map.of("jar",
                "../../sample-agents/banking-assistant/target/quarkus-app/quarkus-run.jar", "mode", "closed",
                "clients", "8", "rate", "100", "seconds", "20", "warmup", "10", "fsync", "true", "variants",
                "governed,ungoverned", "rounds", "1", "jfr", "false"));
        o.put("before", "");
        o.put("model-latency", "0ms");
        o.put("jvm", "");
        o.put("work", "target/service-path");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !o.containsKey(a.substring(2, eq))) {
                throw new IllegalArgumentException("unknown option " + a + "; known: --" + String.join("=, --",
                        o.keySet()) + "=");
            }
            o.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return o;
    }

    public static Report run(Map<String, String> o) throws IOException, InterruptedException {
        Path jar = Path.of(o.get("jar"));
        Path work = Path.of(o.get("work")).toAbsolutePath();
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.get("warmup")));
        Duration seconds = Duration.ofSeconds(Long.parseLong(o.get("seconds")));
        int clients = Integer.parseInt(o.get("clients"));
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "service path, %s, %s; %d cores, java %s; load average at start %s%n",
                Instant.now(), describe(o), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadAverage()));
        List<Measured> all = new ArrayList<>();
        try (OpenAiStub stub = o.get("variants").contains("provider") ? new OpenAiStub(modelLatency(o)) : null) {
            measure(o, jar, work, warmup, seconds, clients, stub, text, all);
        }
        Report report = new Report(List.copyOf(all), text.toString());
        String summary = String.format(Locale.ROOT, "governed / ungoverned throughput: %.2f (target >= 0.8)%n"
                + "service CPU per run, ungoverned / governed: %.2f (the throughput ratio if CPU-bound); application"
                + " threads only: %.2f%n", report.ratio(), report.cpuRatio(), report.appCpuRatio())
                + report.beforeAfter() + report.providerLine();
        report = new Report(report.measured(), text + summary);
        Files.createDirectories(work);
        Files.writeString(work.resolve("report.txt"), report.text());
        return report;
    }

    private static void measure(Map<String, String> o, Path jar, Path work, Duration warmup, Duration seconds,
            int clients, OpenAiStub stub, StringBuilder text, List<Measured> all)
            throws IOException, InterruptedException {
        for (int round = 1; round <= Integer.parseInt(o.get("rounds")); round++) {
            for (String variant : o.get("variants").split(",")) {
                Path dir = work.resolve(variant + "-" + round);
                Path audit = dir.resolve("audit/decisions.jsonl");
                deleteTree(audit.getParent()); // a fresh trail each start: its signed head must match its file
                List<String> jvm = jvmArgs(o, variant, dir, audit);
                Path serviceJar = variant.endsWith("before") ? Path.of(o.get("before")) : jar;
                Map<String, String> env = stub == null || !variant.startsWith("provider") ? Map.of() : Map.of(
                        "WARDEN_MODEL", "provider", "OPENAI_BASE_URL", stub.baseUrl(), "OPENAI_API_KEY", "stub-key");
                long stubCalls0 = stub == null ? 0 : stub.completions();
                long stubConnections0 = stub == null ? 0 : stub.connections();
                try (SampleService service = new SampleService(serviceJar, dir, jvm, env);
                        LoadGenerator gen = new LoadGenerator(service, "banking-assistant", "alice", INPUTS,
                                Math.max(clients, 8) * 2)) {
                    if (!warmup.isZero()) {
                        phase(o, gen, clients, warmup);
                    }
                    long skip = AuditLatencies.lines(audit);
                    long cpu0 = service.cpuNanos();
                    long app0 = service.applicationCpuNanos();
                    LoadResult r = phase(o, gen, clients, seconds);
                    long cpu1 = service.cpuNanos();
                    long app1 = service.applicationCpuNanos();
                    AuditLatencies lat = Files.exists(audit) ? AuditLatencies.read(audit, skip) : null;
                    double cpuPerRun = cpu0 < 0 || cpu1 < 0 || r.runs() == 0 ? -1 : (cpu1 - cpu0) / 1e6 / r.runs();
                    double appPerRun = app0 < 0 || app1 < 0 || r.runs() == 0 ? -1 : (app1 - app0) / 1e6 / r.runs();
                    Measured m = new Measured(variant, r, lat, service.startMillis, service.rssMiB(), cpuPerRun,
                            appPerRun, env.isEmpty() ? -1 : stub.completions() - stubCalls0,
                            env.isEmpty() ? -1 : stub.connections() - stubConnections0);
                    all.add(m);
                    text.append(String.format(Locale.ROOT, "%-10s round %d: %s; load average %s; started in %d ms,"
                            + " RSS %d MiB after; service CPU %.2f ms per run (application threads %.2f)%n", variant,
                            round, r.line(), loadAverage(), m.startMillis(), m.rssMiB(), cpuPerRun, appPerRun));
                    if (!env.isEmpty()) {
                        text.append(String.format(Locale.ROOT, "           model stub (%s per answer): %d completions"
                                + " since start (warm-up included) over %d connections, %d refused%n",
                                o.get("model-latency"), stub.completions() - stubCalls0,
                                stub.connections() - stubConnections0, stub.rejected()));
                    }
                    if (lat != null && lat.records() > 0) {
                        text.append("           ").append(lat.line()).append('\n');
                        text.append(lat.table("           "));
                    }
                }
                commitStats(dir.resolve("service.log"), text); // logged by the JSONL sink when the service stops
            }
        }
    }

    private static Duration modelLatency(Map<String, String> o) {
        String v = o.get("model-latency").trim();
        return v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                : Duration.ofMillis(Long.parseLong(v));
    }

    private static LoadResult phase(Map<String, String> o, LoadGenerator gen, int clients, Duration d) {
        return "open".equals(o.get("mode")) ? gen.openLoop(Double.parseDouble(o.get("rate")), d)
                : gen.closedLoop(clients, d);
    }

    private static List<String> jvmArgs(Map<String, String> o, String variant, Path dir, Path audit) {
        List<String> jvm = new ArrayList<>(List.of("-Dquarkus.profile=demo", "-Dwarden.audit.jsonl.path=" + audit,
                "-Dwarden.audit.jsonl.fsync=" + o.get("fsync")));
        String jfr = o.get("jfr");
        if (!jfr.equals("false")) { // from the end of the warm-up (start included in the delay)
            jvm.add("-XX:StartFlightRecording=settings=" + (jfr.equals("true") ? "profile" : jfr) + ",delay="
                    + o.get("warmup") + "s,filename="
                    + dir.resolve(variant + ".jfr"));
        }
        switch (variant) {
            case "governed", "before", "provider", "provider-before" -> {
            }
            case "record" -> jvm.add("-Dwarden.audit.durability=record"); // this build, every checkpoint waits
            case "nodelay" -> jvm.add("-Dwarden.audit.jsonl.commit-delay=0s"); // decisions 0057, 0065
            case "nofsync" -> jvm.set(2, "-Dwarden.audit.jsonl.fsync=false"); // what forced writes cost (0072)
            case "ungoverned", "provider-ungoverned" -> {
                jvm.set(0, "-Dquarkus.profile=demo,bench"); // the baseline runs only in a benchmarking profile
                jvm.add("-Dwarden.benchmark.ungoverned=true");
            }
            default -> throw new IllegalArgumentException(
                    "variant: governed, record, nodelay, nofsync, ungoverned, before, provider, provider-ungoverned or"
                    + " provider-before, not " + variant);
        }
        for (String extra : o.get("jvm").trim().split("\\s+")) {
            if (!extra.isEmpty()) {
                jvm.add(extra);
            }
        }
        return jvm;
    }

    /** The JSONL sink's counters over the service's whole life (warm-up included), if it logged them. */
    private static void commitStats(Path log, StringBuilder text) {
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            lines.filter(l -> l.contains(" batches (")).reduce((a, b) -> b).ifPresent(l -> text
                    .append("           audit commit (whole life): ")
                    .append(l.substring(l.indexOf(": ", l.indexOf("audit file")) + 2)).append('\n'));
        } catch (IOException | RuntimeException e) {
            // no log or no line: an older build, or a sink that is not JSONL
        }
    }

    private static String describe(Map<String, String> o) {
        String load = "open".equals(o.get("mode")) ? "open loop at " + o.get("rate") + " runs/s"
                : "closed loop, " + o.get("clients") + " clients";
        return load + ", " + o.get("seconds") + " s after " + o.get("warmup") + " s warm-up, JSONL fsync="
                + o.get("fsync") + (o.get("jvm").isBlank() ? "" : ", service JVM " + o.get("jvm"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
