package dev.warden.quarkus.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jboss.logging.Logger;

/**
 * Gives memory back to the operating system when the service goes idle ({@code warden.runtime.memory.*}, decision
 * 0053). On a large host the JVM sizes its heap for the host, and under load G1 grows it to keep GC time low; without
 * help it keeps that heap (and freed native memory) committed for good. This sets G1's <em>manageable</em> flags at
 * start — {@code MinHeapFreeRatio}, {@code MaxHeapFreeRatio} and {@code G1PeriodicGCInterval} — so an idle service
 * runs a concurrent cycle after the interval and shrinks its heap to its live set plus the free ratio, and after each
 * such idle collection asks the C library to return freed native memory ({@code System.trim_native_heap}).
 *
 * <p>It changes no flag the operator set (command line, {@code JAVA_TOOL_OPTIONS}, a flags file): only flags still at
 * their default are set, and each change is logged. Nothing happens with another collector than G1. Under load the
 * heap is sized as before (a periodic collection runs only after a whole interval without one); the cost is one
 * concurrent cycle per interval of idleness. The flags are process-wide and stay set until the JVM exits.
 */
@Singleton
public class IdleMemoryReturn {
    private static final Logger LOG = Logger.getLogger(IdleMemoryReturn.class);

    /** Returning memory to the OS when idle ({@code warden.runtime.memory.*}). */
    @ConfigMapping(prefix = "warden.runtime.memory")
    public interface Config {
        /**
         * Return heap and freed native memory to the OS once the service has been idle for {@code idle-gc-interval}
         * (G1 only; flags set on the command line are kept). Off: the JVM's own heap sizing, unchanged.
         */
        @WithDefault("false")
        boolean returnWhenIdle();

        /** After this long without a collection, G1 runs a concurrent cycle that can shrink the heap. */
        @WithDefault("15s")
        Duration idleGcInterval();

        /** The most free heap, in percent, G1 keeps after a cycle that resizes the heap ({@code MaxHeapFreeRatio}). */
        @WithDefault("20")
        int maxHeapFreeRatio();

        /** The least free heap, in percent, G1 keeps after a cycle that resizes the heap ({@code MinHeapFreeRatio}). */
        @WithDefault("10")
        int minHeapFreeRatio();

        /** After each idle collection, return freed C-heap memory too ({@code System.trim_native_heap}, glibc). */
        @WithDefault("true")
        boolean trimNativeHeap();

        /**
         * After the first idle collection that follows activity, run one full collection ({@code System.gc()}, so
         * {@code -XX:+DisableExplicitGC} turns it off) that compacts the heap to its live set before it shrinks. It
         * pauses the idle service once per idle period, for a time that grows with the live set: off by default.
         */
        @WithDefault("false")
        boolean compactWhenIdle();

        /**
         * {@code MaxHeapFreeRatio} (and {@code MinHeapFreeRatio} at most this) for the idle compaction alone, so the
         * heap it leaves is about the live set; the ratios above apply again after it. Kept when the operator set
         * either ratio. {@code 0..100}.
         */
        @WithDefault("5")
        int compactionMaxHeapFreeRatio();
    }

    /** How long after an idle collection starts the native heap is trimmed (its cycle ended, the chunk pool cleaned). */
    static final Duration TRIM_DELAY = Duration.ofSeconds(6);

    private final Config config;
    private final Event<IdleCompaction> compacting;
    private final List<Runnable> unsubscribe = new ArrayList<>();

    IdleMemoryReturn(Config config, Event<IdleCompaction> compacting) {
        this.config = config;
        this.compacting = compacting;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.returnWhenIdle()) {
            return;
        }
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null || !"true".equals(option(hotspot::getVMOption, "UseG1GC").map(VMOption::getValue).orElse(""))) {
            LOG.info("warden.runtime.memory.return-when-idle: the JVM does not run G1; its heap sizing is unchanged");
            return;
        }
        Map<String, String> wanted = flags(config);
        for (Map.Entry<String, String> change : plan(hotspot::getVMOption, wanted).entrySet()) {
            try {
                hotspot.setVMOption(change.getKey(), change.getValue());
            } catch (RuntimeException e) { // a footprint setting never stops the service from starting
                LOG.warnf("warden.runtime.memory: the JVM refused %s=%s (%s); it keeps %s", change.getKey(),
                        change.getValue(), e.getMessage(), option(hotspot::getVMOption, change.getKey())
                                .map(VMOption::getValue).orElse("its value"));
            }
        }
        LOG.infof("Warden returns memory to the OS when idle (warden.runtime.memory.*): %s",
                describe(hotspot::getVMOption, wanted));
        if (config.trimNativeHeap() || config.compactWhenIdle()) {
            CompactionHeapRatios ratios = new CompactionHeapRatios(hotspot::getVMOption, hotspot::setVMOption,
                    config.compactionMaxHeapFreeRatio());
            actAfterIdleCollections(new IdleCollections(config.compactWhenIdle(), config.trimNativeHeap()), ratios);
        }
    }

    /** The G1 flags the configuration asks for, validated. */
    static Map<String, String> flags(Config config) {
        int min = config.minHeapFreeRatio();
        int max = config.maxHeapFreeRatio();
        if (min < 0 || max > 100 || min > max) {
            throw new DeploymentException("warden.runtime.memory: min-heap-free-ratio (" + min + ") and "
                    + "max-heap-free-ratio (" + max + ") must satisfy 0 <= min <= max <= 100");
        }
        int compaction = config.compactionMaxHeapFreeRatio();
        if (compaction < 0 || compaction > 100) {
            throw new DeploymentException("warden.runtime.memory.compaction-max-heap-free-ratio must be within 0..100"
                    + " (was " + compaction + ")");
        }
        long interval = config.idleGcInterval().toMillis();
        if (interval < 1000) {
            throw new DeploymentException("warden.runtime.memory.idle-gc-interval must be at least 1s (was "
                    + config.idleGcInterval() + ")");
        }
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("MinHeapFreeRatio", Integer.toString(min));
        flags.put("MaxHeapFreeRatio", Integer.toString(max));
        flags.put("G1PeriodicGCInterval", Long.toString(interval));
        return flags;
    }

    /**
     * The flags to set, in an order HotSpot accepts (it refuses a minimum above the current maximum and a maximum below
     * the current minimum): only flags that exist in this JVM, are manageable and still have their default origin.
     */
    static Map<String, String> plan(Function<String, VMOption> current, Map<String, String> wanted) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, String> flag : wanted.entrySet()) {
            option(current, flag.getKey()).filter(o -> o.isWriteable() && o.getOrigin() == VMOption.Origin.DEFAULT)
                    .filter(o -> !o.getValue().equals(flag.getValue()))
                    .ifPresent(o -> changes.put(flag.getKey(), flag.getValue()));
        }
        // a ratio the operator set wins: never set the other one across it (HotSpot would refuse, or worse, accept
        // a pair the operator did not mean)
        int finalMin = Integer.parseInt(changes.getOrDefault("MinHeapFreeRatio",
                option(current, "MinHeapFreeRatio").map(VMOption::getValue).orElse("0")));
        int finalMax = Integer.parseInt(changes.getOrDefault("MaxHeapFreeRatio",
                option(current, "MaxHeapFreeRatio").map(VMOption::getValue).orElse("100")));
        if (finalMin > finalMax) {
            changes.remove(changes.containsKey("MaxHeapFreeRatio") ? "MaxHeapFreeRatio" : "MinHeapFreeRatio");
        }
        String newMin = changes.get("MinHeapFreeRatio");
        String currentMax = option(current, "MaxHeapFreeRatio").map(VMOption::getValue).orElse("100");
        if (newMin != null && Integer.parseInt(newMin) > Integer.parseInt(currentMax)) {
            Map<String, String> maxFirst = new LinkedHashMap<>();
            if (changes.containsKey("MaxHeapFreeRatio")) {
                maxFirst.put("MaxHeapFreeRatio", changes.remove("MaxHeapFreeRatio"));
            }
            maxFirst.putAll(changes);
            return maxFirst;
        }
        return changes;
    }

    private static String describe(Function<String, VMOption> current, Map<String, String> wanted) {
        List<String> parts = new ArrayList<>();
        for (String name : wanted.keySet()) {
            option(current, name).ifPresent(o -> parts.add(name + "=" + o.getValue()
                    + (o.getOrigin() == VMOption.Origin.DEFAULT || o.getOrigin() == VMOption.Origin.MANAGEMENT ? ""
                            : " (kept: set by " + o.getOrigin() + ")")));
        }
        return String.join(", ", parts);
    }

    private static Optional<VMOption> option(Function<String, VMOption> current, String name) {
        try {
            return Optional.ofNullable(current.apply(name));
        } catch (IllegalArgumentException absent) { // not a flag of this JVM
            return Optional.empty();
        }
    }

    /** The cause of a collection notification, or null for another notification. */
    static String collectionCause(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return null;
        }
        return GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcCause();
    }

    private void actAfterIdleCollections(IdleCollections collections, CompactionHeapRatios ratios) {
        NativeHeapTrim trim = new NativeHeapTrim();
        boolean trimming = config.trimNativeHeap();
        NotificationListener listener = (notification, handback) -> {
            String cause = collectionCause(notification);
            if (cause == null) {
                return;
            }
            switch (collections.after(cause, heapCommitted())) {
                case TRIM -> trimAfterTheCycle(trim);
                case COMPACT -> compact(ratios, () -> {
                    collections.compacted(heapCommitted());
                    if (trimming) {
                        trim.run();
                        trimAfterTheCycle(trim); // what the JIT's chunk pool and G1's service thread free later
                    }
                });
                default -> { }
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException gone) {
                        // already removed
                    }
                });
            }
        }
    }

    private static long heapCommitted() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /**
     * G1 reports a periodic collection when its concurrent cycle <em>starts</em>; the cycle frees native memory (the
     * remembered sets of the regions it empties, its marking structures) and uncommits heap only as it ends, and the
     * JIT's idle arena chunks go back to the C library only when HotSpot's chunk-pool cleaner runs (every 5 s). So the
     * trim waits {@link #TRIM_DELAY}, off the notification thread (on the JDK's shared delay thread).
     */
    private static void trimAfterTheCycle(Runnable trim) {
        CompletableFuture.runAsync(trim, CompletableFuture.delayedExecutor(TRIM_DELAY.toMillis(), TimeUnit.MILLISECONDS,
                Runnable::run));
    }

    /**
     * One full collection off the notification thread, then {@code next}: first {@link IdleCompaction} observers make
     * their data smaller, then the heap free ratios are lowered for the collection alone (decision 0071).
     * {@code System.gc()} keeps the operator's say: {@code -XX:+DisableExplicitGC} skips it,
     * {@code -XX:+ExplicitGCInvokesConcurrent} makes it concurrent.
     */
    private void compact(CompactionHeapRatios ratios, Runnable next) {
        Thread compaction = new Thread(() -> {
            try {
                try {
                    compacting.fire(new IdleCompaction());
                } catch (RuntimeException e) { // footprint only: the compaction runs anyway
                    LOG.debugf("an idle-compaction observer failed: %s", e);
                }
                Runnable restore = ratios.lower();
                try {
                    System.gc(); // NOPMD - the point: compact the idle heap so G1 can shrink it (decision 0064)
                } finally {
                    restore.run();
                }
            } finally {
                next.run();
            }
        }, "warden-idle-compaction");
        compaction.setDaemon(true);
        compaction.start();
    }

    @PreDestroy
    void stop() {
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }

    /** {@code System.trim_native_heap} through the diagnostic-command MBean; stops trying where the JVM lacks it. */
    static final class NativeHeapTrim implements Runnable {
        private volatile boolean available = true;

        @Override
        public void run() {
            if (!available) {
                return;
            }
            try {
                Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                        new Object[] {new String[0]}, new String[] {String[].class.getName()});
                LOG.debugf("idle collection; %s", result);
            } catch (Exception | LinkageError e) {
                available = false;
                LOG.debugf("System.trim_native_heap is not available in this JVM (%s); heap flags still apply", e);
            }
        }
    }
}
