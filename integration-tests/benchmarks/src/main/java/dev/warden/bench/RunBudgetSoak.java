package dev.warden.bench;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.spi.PolicyPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soak of run budgets: {@code users} threads run a mixed workload against one governed agent for a while —
 * fast runs (one tool call), runs whose model stalls, runs whose CPU/IO-heavy tool holds a pooled connection past
 * its budget, and approval-gated runs that are approved — and the harness reports latency per kind, whether every run
 * ended within its deadline, and whether threads or pooled connections leaked.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar dev.warden.bench.RunBudgetSoak 180 16   # seconds, users
 * }</pre>
 */
public final class RunBudgetSoak {
    /** Run budget of every run; stalled work would otherwise take {@link #STALL}. */
    static final Duration BUDGET = Duration.ofMillis(500);
    static final Duration STALL = Duration.ofSeconds(30);
    static final int POOL = 4;

    enum Kind { FAST, STALLED_MODEL, HEAVY_TOOL, APPROVAL }

    /** What a soak measured. */
    public record Report(Map<Kind, List<Long>> latenciesMicros, int runs, int overDeadline, long worstOverMillis,
            Map<RunStatus, Integer> statuses, int stalledStillRunning, int poolPermitsMissing, int threadsBefore,
            int threadsPeak, int threadsAfter, int unexpected, int quickRunsTimedOut) {

        long percentile(Kind k, double p) {
            List<Long> xs = new ArrayList<>(latenciesMicros.get(k));
            if (xs.isEmpty()) {
                return 0;
            }
            Collections.sort(xs);
            return xs.get(Math.min(xs.size() - 1, (int) Math.ceil(p * xs.size()) - 1));
        }

        String table() {
            StringBuilder b = new StringBuilder("| kind | runs | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |\n");
            for (Kind k : Kind.values()) {
                b.append(String.format("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", k, latenciesMicros.get(k).size(),
                        percentile(k, 0.5) / 1000.0, percentile(k, 0.99) / 1000.0, percentile(k, 1.0) / 1000.0));
            }
            return b.append(String.format("runs %d, statuses %s, over deadline %d (worst +%d ms), stalled calls still"
                    + " running %d, pool permits missing %d, threads before/peak/after %d/%d/%d, unexpected %d, fast or"
                    + " approval runs that hit the budget %d%n", runs, statuses, overDeadline, worstOverMillis,
                    stalledStillRunning, poolPermitsMissing, threadsBefore, threadsPeak, threadsAfter, unexpected,
                    quickRunsTimedOut)).toString();
        }
    }

    /** The heavy tool holds one of {@link #POOL} pooled connections while it works; the fast one only reads. */
    public static final class SoakTools {
        final Semaphore pool = new Semaphore(POOL);
        final AtomicInteger stalledRunning = new AtomicInteger();

        @Tool(name = "account.balance", value = "Current balance")
        @ToolGovernance(effects = Effect.READ)
        public String balance() {
            return "1200.00 EUR";
        }

        @Tool(name = "report.crunch", value = "A report that scans every transaction")
        @ToolGovernance(effects = Effect.READ, timeoutMillis = 200)
        public String crunch() throws InterruptedException {
            pool.acquire();
            stalledRunning.incrementAndGet();
            try {
                Thread.sleep(STALL.toMillis());
                return "report";
            } finally {
                stalledRunning.decrementAndGet();
                pool.release();
            }
        }

        @Tool(name = "payment.send", value = "Send a payment")
        @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE})
        public String send() {
            return "sent";
        }
    }

    /** Asks for the tool the input names; "stall" makes the provider hang until interrupted. */
    static final class SoakModel implements ChatModel {
        final AtomicInteger stalledRunning;
        private final ChatModel script = ScriptedChatModel.rules()
                .whenUser("^balance", m -> List.of(ScriptedChatModel.call("account.balance", Map.of())))
                .whenUser("^crunch", m -> List.of(ScriptedChatModel.call("report.crunch", Map.of())))
                .whenUser("^pay", m -> List.of(ScriptedChatModel.call("payment.send", Map.of())))
                .finalAnswer(rs -> rs.get(rs.size() - 1).text())
                .otherwise("ok").build();

        SoakModel(AtomicInteger stalledRunning) {
            this.stalledRunning = stalledRunning;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            var last = request.messages().get(request.messages().size() - 1);
            if (last instanceof UserMessage u && u.singleText().startsWith("stall")) {
                stalledRunning.incrementAndGet();
                try {
                    Thread.sleep(STALL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("provider call interrupted");
                } finally {
                    stalledRunning.decrementAndGet();
                }
                return ChatResponse.builder().aiMessage(AiMessage.from("late")).build();
            }
            return script.chat(request);
        }
    }

    /** Payments need a manager's approval. */
    static final class ApprovalPlane implements PolicyPlane {
        @Override
        public String name() {
            return "soak-approvals";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_CALL);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return request.tool() != null && request.tool().name().equals("payment.send")
                    ? Decision.requireApproval("payments need a manager", Set.of("manager"), Duration.ofMinutes(5),
                            Basis.of(name()))
                    : Decision.allow(name());
        }
    }

    public static Report run(Duration duration, int users) throws InterruptedException {
        SoakTools tools = new SoakTools();
        SoakModel model = new SoakModel(tools.stalledRunning);
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("soak")).model(model).tools(tools)
                .governor(Governor.builder().plane(new ApprovalPlane())
                        .auditSink(BenchAuditSinks.named("hash-chain")).build())
                .runTimeout(BUDGET).build();
        Principal alice = Principal.of("alice", "customer");
        Principal bob = Principal.of("bob", "manager");
        Map<Kind, List<Long>> lat = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            lat.put(k, Collections.synchronizedList(new ArrayList<>()));
        }
        Map<RunStatus, Integer> statuses = new ConcurrentHashMap<>();
        LongAdder runs = new LongAdder();
        LongAdder over = new LongAdder();
        LongAdder unexpected = new LongAdder();
        LongAdder quickTimedOut = new LongAdder();
        AtomicInteger worstOver = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        int before = Thread.activeCount();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(users);
        for (int u = 0; u < users; u++) {
            int user = u;
            Thread t = new Thread(() -> {
                int i = user;
                try {
                    while (System.nanoTime() < end) {
                        // 70 % fast, 10 % each of the others
                        int slot = i++ % 10;
                        Kind kind = slot < 7 ? Kind.FAST : Kind.values()[slot - 6];
                        String input = switch (kind) {
                            case FAST -> "balance please";
                            case STALLED_MODEL -> "stall forever";
                            case HEAVY_TOOL -> "crunch the numbers";
                            case APPROVAL -> "pay the invoice";
                        };
                        long t0 = System.nanoTime();
                        RunResult r = agent.runBlocking(input, alice);
                        long activeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        if (r.status() == RunStatus.AWAITING_APPROVAL) {
                            long t1 = System.nanoTime();
                            r = agent.resumeBlocking(r.approval().approvalId(),
                                    ApprovalResolution.approve(bob, "soak"));
                            activeMs += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                        }
                        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
                        lat.get(kind).add(micros);
                        runs.increment();
                        statuses.merge(r.status(), 1, Integer::sum);
                        long overMs = activeMs - BUDGET.toMillis();
                        if (overMs > 1_000) { // a run (or a resumption) ending more than 1 s after its deadline
                            over.increment();
                        }
                        worstOver.accumulateAndGet((int) Math.max(0, overMs), Math::max);
                        boolean expected = switch (kind) {
                            // on an overloaded machine a quick run may hit its budget: counted, not unexpected
                            case FAST, APPROVAL -> r.status() == RunStatus.COMPLETED
                                    || r.status() == RunStatus.TIMED_OUT;
                            case STALLED_MODEL, HEAVY_TOOL -> r.status() == RunStatus.TIMED_OUT
                                    || r.status() == RunStatus.COMPLETED;
                        };
                        if (kind != Kind.STALLED_MODEL && kind != Kind.HEAVY_TOOL
                                && r.status() == RunStatus.TIMED_OUT) {
                            quickTimedOut.increment();
                        }
                        if (!expected) {
                            unexpected.increment();
                        }
                        peak.accumulateAndGet(Thread.activeCount(), Math::max);
                    }
                } catch (RuntimeException e) {
                    unexpected.increment();
                } finally {
                    done.countDown();
                }
            }, "soak-user-" + u);
            t.start();
        }
        done.await();
        // interrupted work unwinds promptly: give it a moment, then nothing stalled may still be running
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < settle && (tools.stalledRunning.get() > 0 || tools.pool.availablePermits() < POOL)) {
            Thread.sleep(50);
        }
        return new Report(lat, runs.intValue(), over.intValue(), worstOver.get(), Map.copyOf(statuses),
                tools.stalledRunning.get(), POOL - tools.pool.availablePermits(), before, peak.get(),
                Thread.activeCount(), unexpected.intValue(), quickTimedOut.intValue());
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 180;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Report r = run(Duration.ofSeconds(seconds), users);
        System.out.printf("RunBudgetSoak: %d s, %d users, budget %d ms, %d cores%n", seconds, users, BUDGET.toMillis(),
                Runtime.getRuntime().availableProcessors());
        System.out.print(r.table());
    }
}
