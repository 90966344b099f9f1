package dev.warden.quarkus.inventory.postgres;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * {@code LISTEN} on {@value #CHANNEL} over a dedicated connection: every replica is told at once when another one
 * suspends or lifts something (the store sends {@code NOTIFY} inside the changing transaction, so it is delivered on
 * commit, never before). Reconnects on its own; after a reconnect the listeners are called too, since changes made
 * while disconnected were not notified. A lost notification costs at most one refresh interval.
 */
public final class SuspensionNotifications implements AutoCloseable {
    public static final String CHANNEL = "warden_inv_suspensions";
    private static final Logger LOG = Logger.getLogger(SuspensionNotifications.class);

    private final PgSubscriber subscriber;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean connecting;

    public SuspensionNotifications(Vertx vertx, PgConnectOptions options) {
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 500L);
        subscriber.channel(CHANNEL).handler(payload -> fire())
                .subscribeHandler(v -> fire()); // (re)subscribed: anything may have changed meanwhile
    }

    public synchronized void listen(Runnable listener) {
        listeners.add(listener);
        if (!connecting) {
            connecting = true;
            subscriber.connect().onFailure(e -> LOG.warnf("LISTEN %s failed (periodic refresh still applies): %s",
                    CHANNEL, e.toString()));
        }
    }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "suspension listener failed");
            }
        }
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
