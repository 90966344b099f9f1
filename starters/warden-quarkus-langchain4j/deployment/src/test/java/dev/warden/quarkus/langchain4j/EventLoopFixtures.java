package dev.warden.quarkus.langchain4j;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * A reactive REST endpoint that streams a {@code Multi<String>} AI service (Quarkus REST calls it on the Vert.x event
 * loop), and a plane noting on which kind of thread each model request is decided.
 */
final class EventLoopFixtures {
    private EventLoopFixtures() {}

    @Path("/test/stream")
    public static class StreamResource {
        static final List<Boolean> CALLED_ON_EVENT_LOOP = new CopyOnWriteArrayList<>();

        @Inject
        StreamingFixtures.Streamer streamer;

        @GET
        @Produces(MediaType.SERVER_SENT_EVENTS)
        @RestStreamElementType(MediaType.TEXT_PLAIN)
        public Multi<String> stream(@QueryParam("q") String q) {
            CALLED_ON_EVENT_LOOP.add(Context.isOnEventLoopThread());
            return streamer.chat(q);
        }
    }

    /** Allows everything; remembers whether each {@code MODEL_REQUEST} was decided on an event-loop thread. */
    @Singleton
    public static class ThreadProbe implements PolicyPlane {
        static final List<Boolean> DECIDED_ON_EVENT_LOOP = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "thread-probe";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.MODEL_REQUEST);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            DECIDED_ON_EVENT_LOOP.add(Context.isOnEventLoopThread());
            return Decision.allow(name());
        }

        @Override
        public boolean judgesAnswerText(Checkpoint checkpoint) {
            return false;
        }
    }
}
