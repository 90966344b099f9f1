package dev.warden.core.streaming;

import dev.warden.core.Basis;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.WardenCodes;
import dev.warden.spi.OutputScreen;
import dev.warden.spi.OutputScreen.Screening;
import dev.warden.spi.OutputScreen.Span;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.ScreenMemo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link OutputScreen}s among the planes subscribed to {@code AGENT_OUTPUT}, bound to one run: each piece of a
 * streamed answer is screened by all of them, in plane order; the first refusal ends the stream, redactions of all
 * are applied. A screen that throws or answers nothing refuses ({@link WardenCodes#STREAM_SCREEN_FAILED}).
 */
public final class PlaneScreens implements TextScreens {
    private static final System.Logger LOG = System.getLogger(PlaneScreens.class.getName());
    private final List<PolicyPlane> screens;
    private final Function<String, CheckpointRequest> windowRequest;
    private final GovernanceContext context;
    /** The turn's working memory, shared by its windows and their preparation (decision 0054). */
    private final ScreenMemo memo = new ScreenMemo();

    private PlaneScreens(List<PolicyPlane> screens, Function<String, CheckpointRequest> windowRequest,
            GovernanceContext context) {
        this.screens = screens;
        this.windowRequest = windowRequest;
        this.context = context;
    }

    /**
     * @param planes the planes at {@code AGENT_OUTPUT}, in evaluation order
     * @param windowRequest the {@code AGENT_OUTPUT} request carrying a window's text
     * @return {@link TextScreens#NONE} when no plane screens
     */
    public static TextScreens of(List<PolicyPlane> planes, Function<String, CheckpointRequest> windowRequest,
            GovernanceContext context) {
        List<PolicyPlane> screens = planes.stream().filter(p -> p instanceof OutputScreen).toList();
        return screens.isEmpty() ? NONE : new PlaneScreens(screens, windowRequest, context);
    }

    /**
     * Whether a streamed answer must be held back whole: some plane at {@code MODEL_RESPONSE} or {@code AGENT_OUTPUT}
     * that is not an {@link OutputScreen} may refuse or rewrite answer text there
     * ({@link PolicyPlane#judgesAnswerText}), so no piece can be judged before the whole answer is (decision 0041).
     */
    public static boolean holdWholeAnswer(List<PolicyPlane> atModelResponse, List<PolicyPlane> atAgentOutput) {
        return judgesText(atModelResponse, dev.warden.core.Checkpoint.MODEL_RESPONSE)
                || judgesText(atAgentOutput, dev.warden.core.Checkpoint.AGENT_OUTPUT);
    }

    private static boolean judgesText(List<PolicyPlane> planes, dev.warden.core.Checkpoint checkpoint) {
        for (PolicyPlane p : planes) {
            boolean judges;
            try {
                judges = !(p instanceof OutputScreen) && p.judgesAnswerText(checkpoint);
            } catch (RuntimeException e) {
                judges = true; // fail closed: a plane that cannot say holds the answer back
            }
            if (judges) {
                return true;
            }
        }
        return false;
    }

    /** The earliest open value any screen reports; a screen that throws holds everything back (fail closed). */
    @Override
    public int openValueStart(String text) {
        int open = -1;
        for (PolicyPlane plane : screens) {
            int at;
            try {
                at = ((OutputScreen) plane).openValueStart(text);
            } catch (RuntimeException e) {
                at = 0;
            }
            if (at >= 0 && at < text.length() && (open < 0 || at < open)) {
                open = at;
            }
        }
        return open;
    }

    /** Lets each screen analyse held text ahead of its release; a screen that throws is simply not prepared. */
    @Override
    public void prepare(String text) {
        CheckpointRequest held = windowRequest.apply(text);
        for (PolicyPlane plane : screens) {
            try {
                ((OutputScreen) plane).prepare(held, context, memo);
            } catch (RuntimeException e) {
                // advisory only: the screening before release runs in full and fails closed
            }
        }
    }

    @Override
    public Screening screen(String text) {
        CheckpointRequest window = windowRequest.apply(text);
        List<Span> spans = List.of();
        for (PolicyPlane plane : screens) {
            Screening s;
            try {
                s = ((OutputScreen) plane).screen(window, context, memo);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "output screen of plane " + plane.name() + " failed", e);
                throw new StreamRefusedException(plane.name(), failure(plane, "its screen failed (see the server "
                        + "log)"));
            }
            if (s == null) {
                throw new StreamRefusedException(plane.name(), failure(plane, "its screen returned nothing"));
            }
            if (s.refusal() != null) {
                throw new StreamRefusedException(plane.name(), s.refusal());
            }
            List<Span> valid = new ArrayList<>(s.spans().size());
            for (Span sp : s.spans()) {
                if (sp.end() > text.length()) {
                    throw new StreamRefusedException(plane.name(), failure(plane, "its screen named a span outside"
                            + " the text"));
                }
                valid.add(sp);
            }
            spans = TextScreens.join(spans, valid);
        }
        return Screening.redact(spans);
    }

    private static Decision failure(PolicyPlane plane, String what) {
        return Decision.failure("streamed answer not screened: " + plane.name() + " failed (" + what + ")",
                WardenCodes.STREAM_SCREEN_FAILED, Basis.of(plane.name()));
    }
}
