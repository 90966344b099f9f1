package dev.warden.dataflow.detect;

import dev.warden.spi.ScreenMemo;
import java.util.List;
import java.util.Set;

/**
 * Finds sensitive spans in text. The plug-in point for further detectors, including model-based classifiers.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Offsets of the returned findings are relative to the {@code text} passed in and lie within it.</li>
 *   <li>Implementations are thread-safe and keep no per-call state; the {@link DetectorSuite} calls them
 *       concurrently and on chunks of larger texts, so a finding must not depend on text far outside its span.</li>
 *   <li>{@code detect} is pure CPU. A detector that needs I/O (a remote classifier) must bound its own latency; the
 *       data-flow plane's time budget applies to the whole scan and a timeout fails closed.</li>
 *   <li>Throwing is allowed and fails closed: the plane reports a failure and the content does not pass.</li>
 * </ul>
 *
 * <pre>{@code
 * Detector employeeIds = new Detector() {
 *     public String name() { return "employee-id"; }
 *     public Set<String> kinds() { return Set.of("EMPLOYEE_ID"); }
 *     public List<Finding> detect(CharSequence text) {
 *         List<Finding> out = new ArrayList<>();
 *         Matcher m = Pattern.compile("\\bEMP-\\d{6}\\b").matcher(text);
 *         while (m.find()) out.add(new Finding("EMPLOYEE_ID", m.start(), m.end() - m.start(), 0.9));
 *         return out;
 *     }
 * };
 * DetectorSuite suite = DetectorSuite.builder().withDefaults().detector(employeeIds).build();
 * }</pre>
 */
public interface Detector {

    /** Stable name, used in logs and configuration. */
    String name();

    /** The kinds this detector may report. */
    Set<String> kinds();

    /** Finds sensitive spans in {@code text}; never returns {@code null}. */
    List<Finding> detect(CharSequence text);

    /**
     * {@link #detect(CharSequence)} within a streamed turn, whose windows overlap: a detector with costly analysis
     * may keep results in {@code memo} under keys that carry all their inputs (decision 0054). Must find exactly what
     * {@link #detect(CharSequence)} finds. Default: ignores the memo.
     */
    default List<Finding> detect(CharSequence text, ScreenMemo memo) {
        return detect(text);
    }

    /**
     * Text of a streamed turn held while the window fills: analyse, into {@code memo}, what later text cannot change,
     * so {@link #detect(CharSequence, ScreenMemo)} finds it there. Advisory, never a finding. Default: nothing.
     */
    default void prepare(CharSequence text, ScreenMemo memo) {}
}
