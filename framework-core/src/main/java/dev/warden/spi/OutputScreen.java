package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import java.util.List;
import java.util.Objects;

/**
 * A plane that can judge answer text piece by piece, so a streamed answer passes it <em>before</em> each piece is
 * delivered (decision 0035). The governed agent loop holds back the last {@code N} characters of a streamed answer
 * (the hold-back window) and asks every {@link PolicyPlane} subscribed to {@code AGENT_OUTPUT} that implements this
 * interface to screen the text it is about to release, with up to {@code N} characters already released before it and
 * {@code N} characters not yet released after it. A value no longer than the window is therefore always seen whole.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The request is an {@code AGENT_OUTPUT} request whose {@code content} is the window's text; offsets in the
 *       answer are relative to that text.</li>
 *   <li>Pure CPU, non-blocking and thread-safe; keeps no per-call state (it is called once per released piece).</li>
 *   <li>Either redacts spans (each replaced by its {@link Span#replacement()}) or refuses the whole stream
 *       ({@link Screening#refusal()}); throwing refuses it too (fail closed).</li>
 *   <li>Planes that do not implement it judge the answer once, at the end, on what was delivered.</li>
 * </ul>
 *
 * <pre>{@code
 * public Screening screen(CheckpointRequest window, GovernanceContext context) {
 *     Matcher m = EMPLOYEE_ID.matcher(window.content());
 *     List<OutputScreen.Span> spans = new ArrayList<>();
 *     while (m.find()) spans.add(new OutputScreen.Span(m.start(), m.end() - m.start(), "[REDACTED:EMP]", "EMP"));
 *     return Screening.redact(spans);
 * }
 * }</pre>
 */
public interface OutputScreen {

    /** Screens {@code window.content()}, about to be delivered to {@code window.target()}. */
    Screening screen(CheckpointRequest window, GovernanceContext context);

    /**
     * {@link #screen(CheckpointRequest, GovernanceContext)} with the turn's {@link ScreenMemo}, where the screen may
     * find what it computed for text it saw before (in an earlier window, or in {@link #prepare}). The result must be
     * exactly what the two-argument form gives. Default: ignores the memo.
     */
    default Screening screen(CheckpointRequest window, GovernanceContext context, ScreenMemo memo) {
        return screen(window, context);
    }

    /**
     * Text not yet releasable (the hold-back window is still filling): the screen may analyse the parts of it that
     * will not change and keep the results in {@code memo}, so the screening that releases the first piece has less
     * left to do (decision 0054). Advisory: it decides nothing, its failures are ignored, and the text is screened as
     * usual before anything leaves. Default: nothing.
     */
    default void prepare(CheckpointRequest text, GovernanceContext context, ScreenMemo memo) {}

    /**
     * Where a value this screen recognises only once it is complete, and that may be longer than the window (a JWT, a
     * PEM private key), begins in {@code text} while still open at its end, or {@code -1}. The hold-back window then
     * keeps the text back from there until the value is closed, so its first characters never leave before it can be
     * recognised (decision 0041); past {@link dev.warden.core.streaming.HoldBackWindow#MAX_OPEN_VALUE_CHARS} the rest
     * of the turn is held. Pure, cheap and conservative (a false "open" only delays text). Default: none.
     */
    default int openValueStart(CharSequence text) {
        return -1;
    }

    /**
     * A span of the window to replace before delivery.
     *
     * @param kind what was found (e.g. {@code IBAN}); recorded, never the value
     */
    record Span(int offset, int length, String replacement, String kind) {
        public Span {
            Objects.requireNonNull(replacement, "replacement");
            if (offset < 0 || length < 1) {
                throw new IllegalArgumentException("bad span: offset " + offset + ", length " + length);
            }
        }

        public int end() {
            return offset + length;
        }
    }

    /**
     * What a screen decided about one window: nothing, spans to redact, or a refusal that ends the stream.
     *
     * @param refusal a {@link Decision.Deny} or {@link Decision.Failure} that ends the stream, or {@code null}
     */
    record Screening(List<Span> spans, Decision refusal) {
        public Screening {
            spans = spans == null ? List.of() : List.copyOf(spans);
            if (refusal != null && !(refusal instanceof Decision.Deny) && !(refusal instanceof Decision.Failure)) {
                throw new IllegalArgumentException("a refusal is a Deny or a Failure, not " + refusal.kind());
            }
        }

        private static final Screening PASS = new Screening(List.of(), null);

        public static Screening pass() {
            return PASS;
        }

        public static Screening redact(List<Span> spans) {
            return spans.isEmpty() ? PASS : new Screening(spans, null);
        }

        public static Screening refuse(Decision refusal) {
            return new Screening(List.of(), Objects.requireNonNull(refusal, "refusal"));
        }
    }
}
