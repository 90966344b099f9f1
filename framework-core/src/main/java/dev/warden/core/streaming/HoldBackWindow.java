package dev.warden.core.streaming;

import dev.warden.spi.OutputScreen.Span;
import java.util.List;
import java.util.Objects;

/**
 * The bounded hold-back window a streamed answer passes on its way to the reader (decision 0035). Chunks go in as the
 * model produces them; text comes out once it has been screened with at least {@code window} characters of the answer
 * after it (and up to {@code window} characters before it), so a detector sees every value of at most {@code window}
 * characters whole, however the model split it. Redacted spans leave as their replacement; a refusal throws
 * {@link StreamRefusedException} and nothing held back is released.
 *
 * <p>A span still open at the release point is held back whole (the release point moves to its start), so a value is
 * never delivered half redacted. At the end ({@link #flush()}) everything left is screened without look-ahead and
 * released.
 *
 * <pre>{@code
 * HoldBackWindow w = new HoldBackWindow(64, screens);
 * for (String chunk : chunks) deliver(w.offer(chunk));
 * deliver(w.flush());
 * String audited = w.delivered(); // exactly what the reader got
 * }</pre>
 *
 * <p>Not thread-safe: one window per streamed answer, fed by one producer at a time.
 */
public final class HoldBackWindow {
    /** Default window: longer than the longest formatted IBAN (42) and card number (23) the detectors find. */
    public static final int DEFAULT_CHARS = 64;
    /**
     * Most characters held back for a value still open ({@link dev.warden.spi.OutputScreen#openValueStart}): a PEM
     * private key of 4096 bits is about 3,300. Past it the rest of the answer (this segment) is held until
     * {@link #flush()} and screened whole.
     */
    public static final int MAX_OPEN_VALUE_CHARS = 8192;

    private final int window;
    private final TextScreens screens;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder delivered = new StringBuilder();
    /** The last {@code window} characters released, as the model wrote them: context for the next screening. */
    private String behind = "";
    /** An open value outgrew {@link #MAX_OPEN_VALUE_CHARS}: nothing more leaves before {@link #flush()}. */
    private boolean heldToEnd;

    public HoldBackWindow(int window, TextScreens screens) {
        if (window < 0) {
            throw new IllegalArgumentException("hold-back window must not be negative: " + window);
        }
        this.window = window;
        this.screens = Objects.requireNonNull(screens, "screens");
    }

    /** Takes the next chunk; returns the text that may now be delivered (often empty). */
    public String offer(String chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return "";
        }
        pending.append(chunk);
        if (!screens.active()) {
            return release(pending.length(), false);
        }
        if (pending.length() > window && !heldToEnd) {
            return release(pending.length() - window, true);
        }
        if (!heldToEnd) {
            screens.prepare(behind + pending); // the screens get ahead while the window fills (decision 0054)
        }
        return "";
    }

    /** The answer (or this segment of it) is complete: screens and releases everything held back. */
    public String flush() {
        heldToEnd = false;
        return pending.isEmpty() ? "" : release(pending.length(), false);
    }

    /** Everything released so far, exactly as delivered (redactions included). */
    public String delivered() {
        return delivered.toString();
    }

    /** Characters received but not yet released. */
    public int held() {
        return pending.length();
    }

    public int window() {
        return window;
    }

    private String release(int limit, boolean lookingAhead) {
        if (!screens.active()) {
            String out = pending.toString();
            pending.setLength(0);
            delivered.append(out);
            return out;
        }
        String text = behind + pending;
        int base = behind.length();
        dev.warden.spi.OutputScreen.Screening screening = screens.screen(text);
        if (screening.refusal() != null) {
            throw new StreamRefusedException("screen", screening.refusal());
        }
        List<Span> spans = TextScreens.merged(screening.spans());
        int cut = base + limit;
        if (lookingAhead) {
            // a value recognisable only once complete (a long JWT, a PEM key) still open: held from its start
            int open = screens.openValueStart(text);
            if (open >= 0 && open < cut) {
                cut = Math.max(base, open);
                heldToEnd = text.length() - cut > MAX_OPEN_VALUE_CHARS;
            }
        }
        for (Span s : spans) {
            if (s.offset() < cut && s.end() > cut) {
                // open at the release point: hold it back whole, unless it began in text already released (a value
                // longer than the window): then its rest leaves redacted now
                cut = s.offset() >= base ? s.offset() : s.end();
                break;
            }
        }
        if (lookingAhead && cut <= base) {
            return "";
        }
        StringBuilder out = new StringBuilder(cut - base);
        int at = base;
        for (Span s : spans) {
            if (s.end() <= base || s.offset() >= cut) {
                continue;
            }
            out.append(text, at, Math.max(at, s.offset())).append(s.replacement());
            at = Math.min(s.end(), cut);
        }
        out.append(text, at, cut);
        String released = text.substring(0, cut);
        behind = released.length() > window ? released.substring(released.length() - window) : released;
        pending.delete(0, cut - base);
        delivered.append(out);
        return out.toString();
    }
}
