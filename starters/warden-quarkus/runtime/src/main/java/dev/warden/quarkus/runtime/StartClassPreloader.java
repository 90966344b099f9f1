package dev.warden.quarkus.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Loads the classes a start is about to need on a second thread (decision 0070). About half of a packaged sample's
 * start thread is spent reading, parsing and defining classes (~8,400 of them, outside the JDK's CDS archive); the
 * list in {@value #RESOURCE} (written by {@code integration-tests/benchmarks/start-classes.py}) names them in the
 * order a start loads them, and this thread walks it ahead of the start thread on the machine's other core.
 *
 * <p>{@code Class.forName(name, false, loader)} only loads: it does not initialise, so no static initialiser runs on
 * this thread, no start-up step runs earlier or in another order, and class-initialisation locks are never taken here
 * (no deadlock with the start thread). Quarkus' {@code RunnerClassLoader} is parallel capable, so a class both threads
 * ask for at once is defined once. A name that no longer exists, or fails to load, is skipped: a stale list costs
 * speed, never behaviour. Nothing here decides anything a policy governs.
 */
public final class StartClassPreloader {
    /** The class-path resource(s) listing class names, one a line, {@code #} starts a comment. */
    public static final String RESOURCE = "META-INF/warden/start-classes.txt";

    /** The class loader of Quarkus' packaged (fast-jar) runner; dev and test modes use others and are left alone. */
    static final String RUNNER_LOADER = "io.quarkus.bootstrap.runner.RunnerClassLoader";

    private static final Logger LOG = Logger.getLogger(StartClassPreloader.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private StartClassPreloader() {
    }

    /**
     * Starts the preload thread once per JVM, and only when {@code loader} is the packaged runner's class loader and
     * the JVM has at least two processors (on one, the thread could only take turns with the start thread).
     *
     * @return whether this call started it
     */
    public static boolean startOnceInPackagedApplication(ClassLoader loader) {
        if (loader == null || !RUNNER_LOADER.equals(loader.getClass().getName())
                || Runtime.getRuntime().availableProcessors() < 2 || !STARTED.compareAndSet(false, true)) {
            return false;
        }
        start(loader);
        return true;
    }

    /** Starts the daemon thread that preloads into {@code loader}; returns it (for tests). */
    public static Thread start(ClassLoader loader) {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            int[] counts = preload(loader);
            LOG.debugf("preloaded %d of %d listed classes in %d ms", counts[0], counts[1],
                    (System.nanoTime() - t0) / 1_000_000);
        }, "warden-class-preload");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Loads (without initialising) every class the resources list; returns {loaded, listed}. Never throws. */
    public static int[] preload(ClassLoader loader) {
        int[] counts = new int[2];
        try {
            Enumeration<URL> lists = loader.getResources(RESOURCE);
            while (lists.hasMoreElements()) {
                preload(loader, lists.nextElement(), counts);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "class preload stopped");
        }
        return counts;
    }

    private static void preload(ClassLoader loader, URL list, int[] counts) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(list.openStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                counts[1]++;
                try {
                    Class.forName(name, false, loader);
                    counts[0]++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // stale or optional entry: the start thread would not have loaded it either
                }
            }
        }
    }
}
