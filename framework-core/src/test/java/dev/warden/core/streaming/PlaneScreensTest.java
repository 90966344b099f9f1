package dev.warden.core.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.ScreenMemo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaneScreensTest {
    static final GovernanceContext CONTEXT = GovernanceContext.of(Principal.of("alice", "customer"),
            AgentIdentity.of("agent"));

    /** Redacts "SECRET" wherever it is; remembers the memos it was given; its preparation may throw. */
    static final class SecretScreen implements PolicyPlane, OutputScreen {
        final List<ScreenMemo> memos = new ArrayList<>();
        final boolean prepareThrows;

        SecretScreen(boolean prepareThrows) {
            this.prepareThrows = prepareThrows;
        }

        @Override
        public String name() {
            return "secret-screen";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.AGENT_OUTPUT);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return Decision.allow(name());
        }

        @Override
        public Screening screen(CheckpointRequest window, GovernanceContext context) {
            int at = window.content().indexOf("SECRET");
            return at < 0 ? Screening.pass() : Screening.redact(List.of(new Span(at, 6, "[X]", "SECRET")));
        }

        @Override
        public Screening screen(CheckpointRequest window, GovernanceContext context, ScreenMemo memo) {
            memos.add(memo);
            return screen(window, context);
        }

        @Override
        public void prepare(CheckpointRequest text, GovernanceContext context, ScreenMemo memo) {
            memos.add(memo);
            if (prepareThrows) {
                throw new IllegalStateException("preparation failed");
            }
        }
    }

    static TextScreens screens(PolicyPlane plane) {
        return PlaneScreens.of(List.of(plane), text -> new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null,
                null, text, null, "user", null), CONTEXT);
    }

    @Test
    void a_screen_whose_preparation_throws_still_screens_every_piece_before_release() {
        SecretScreen screen = new SecretScreen(true);
        HoldBackWindow w = new HoldBackWindow(8, screens(screen));
        StringBuilder out = new StringBuilder();
        for (String chunk : List.of("a SE", "CRET", " b c d e f")) {
            out.append(w.offer(chunk));
        }
        assertThat(out.append(w.flush()).toString()).isEqualTo("a [X] b c d e f");
    }

    @Test
    void the_windows_of_one_turn_share_one_memo_and_another_turn_gets_its_own() {
        SecretScreen screen = new SecretScreen(false);
        HoldBackWindow first = new HoldBackWindow(4, screens(screen));
        first.offer("abc");
        first.offer("defgh");
        first.offer("ijklm");
        assertThat(screen.memos).hasSize(3).allMatch(m -> m == screen.memos.get(0));
        HoldBackWindow second = new HoldBackWindow(4, screens(screen));
        second.offer("abc");
        assertThat(screen.memos.get(3)).isNotSameAs(screen.memos.get(0));
    }
}
