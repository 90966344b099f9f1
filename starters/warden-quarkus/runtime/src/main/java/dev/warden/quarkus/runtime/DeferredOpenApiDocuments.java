package dev.warden.quarkus.runtime;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * OpenAPI documents prepared on their first request instead of at every start (decision 0063).
 *
 * <p>Quarkus 3.33's SmallRye OpenAPI extension parses the build-time document, runs its filters and serialises it to
 * JSON and YAML in a runtime-init step of every start (~10 % of the packaged sample's main thread), although most
 * services never serve {@code /q/openapi}. Quarkus later made this lazy itself (quarkus#55538) when no
 * {@code RUNTIME_STARTUP} filter exists; until the starter moves to that release, the extension's deployment rewrites
 * {@code OpenApiDocumentService} so that its {@code prepareDocument} calls {@link #defer} and its {@code getDocument}
 * calls {@link #prepare} first. The document served is the one the unmodified service would have prepared, with the
 * same configuration and filters: only the moment changes. A document with a filter that must run at start
 * (any stage but {@code BUILD} and {@code RUNTIME_PER_REQUEST}) is still prepared at start. The deferred preparation
 * runs with the class loader the start thread had, so it finds the same build-time document.
 *
 * <p>Thread-safe: the first requests of several documents or threads prepare each pending document once.
 */
public final class DeferredOpenApiDocuments {
    /** What the rewritten {@code OpenApiDocumentService} implements: its original preparation, by name. */
    public interface Source {
        /**
         * Prepares one document now, as the unmodified extension would have at start.
         *
         * @param autoSecurityFilter the extension's {@code AutoSecurityFilter}, or null
         * @param filtersByStage the extension's filter class names by stage
         * @param documentName the document's name ({@code <default>} for the main one)
         */
        void prepareDeferredDocument(Object autoSecurityFilter, Map<?, ?> filtersByStage, String documentName);
    }

    /** The arguments of one deferred preparation, and the start thread's class loader the extension looks in. */
    private record Pending(Object autoSecurityFilter, Map<?, ?> filtersByStage, String documentName,
            ClassLoader classLoader) {
    }

    private static final Logger LOG = Logger.getLogger(DeferredOpenApiDocuments.class);
    private static final Map<Source, List<Pending>> PENDING = new WeakHashMap<>();
    private static final AtomicInteger PREPARED_ON_EVENT_LOOP = new AtomicInteger();

    private DeferredOpenApiDocuments() {}

    /** Called instead of the extension's {@code prepareDocument}: keeps the arguments, or prepares now (see class). */
    public static void defer(Source source, Object autoSecurityFilter, Map<?, ?> filtersByStage, String documentName) {
        if (hasStartFilters(filtersByStage)) {
            source.prepareDeferredDocument(autoSecurityFilter, filtersByStage, documentName);
            return;
        }
        synchronized (PENDING) {
            PENDING.computeIfAbsent(source, s -> new ArrayList<>())
                    .add(new Pending(autoSecurityFilter, filtersByStage, documentName,
                            Thread.currentThread().getContextClassLoader()));
        }
    }

    /**
     * Called before the extension's {@code getDocument}: prepares every document deferred for {@code source}. A
     * failure is thrown to the request that asked (as a failing start would have), and the document stays pending.
     */
    public static void prepare(Source source) {
        synchronized (PENDING) {
            List<Pending> pending = PENDING.get(source);
            if (pending != null && !pending.isEmpty() && Context.isOnEventLoopThread()) {
                PREPARED_ON_EVENT_LOOP.incrementAndGet();
                LOG.warnf("%d OpenAPI document(s) prepared on the event loop: a route serving them is not preceded"
                        + " by Warden's blocking preparation route", pending.size());
            }
            while (pending != null && !pending.isEmpty()) {
                Pending p = pending.get(0);
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(p.classLoader());
                try {
                    source.prepareDeferredDocument(p.autoSecurityFilter(), p.filtersByStage(), p.documentName());
                } finally {
                    thread.setContextClassLoader(previous);
                }
                pending.remove(0);
            }
        }
    }

    /**
     * Prepares every pending document of every source, on the calling thread (a worker: see
     * {@link OpenApiFirstRequestRecorder}). A failure is thrown to the caller and leaves that document pending.
     */
    public static void prepareAll() {
        List<Source> sources;
        synchronized (PENDING) {
            if (PENDING.isEmpty()) {
                return;
            }
            sources = new ArrayList<>(PENDING.keySet());
        }
        for (Source source : sources) {
            prepare(source);
        }
    }

    /** Forgets every pending document and the event-loop count: the application that deferred them stopped. */
    public static void forgetPending() {
        synchronized (PENDING) {
            PENDING.clear();
        }
        PREPARED_ON_EVENT_LOOP.set(0);
    }

    /** How many times a pending document was prepared on an event-loop thread (for tests and diagnostics). */
    public static int preparedOnEventLoop() {
        return PREPARED_ON_EVENT_LOOP.get();
    }

    /** How many documents wait for their first request, over all sources (for tests and diagnostics). */
    public static int pendingCount() {
        synchronized (PENDING) {
            return PENDING.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Filters of any stage but the build's and the per-request one run at start: keep them there. */
    private static boolean hasStartFilters(Map<?, ?> filtersByStage) {
        return filtersByStage.entrySet().stream()
                .anyMatch(e -> e.getKey() != OpenApiFilter.RunStage.BUILD
                        && e.getKey() != OpenApiFilter.RunStage.RUNTIME_PER_REQUEST
                        && e.getValue() instanceof List<?> filters && !filters.isEmpty());
    }
}
