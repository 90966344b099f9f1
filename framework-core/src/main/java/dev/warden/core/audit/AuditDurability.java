package dev.warden.core.audit;

/**
 * When a checkpoint's audit record must be durable (decision 0047).
 *
 * <ul>
 *   <li>{@link #RECORD}: every checkpoint returns only once its record is durable ({@code AuditSink.append}). The
 *       library default.
 *   <li>{@link #EFFECT}: a checkpoint after which nothing leaves the runtime before the run's next checkpoint
 *       (a model response or tool result that lets the run go on, inside an agent run) returns once its record is
 *       linked ({@code AuditSink.appendLinked}). Every other checkpoint — before a model call, a tool call, a
 *       delegation, the answer, an approval or confirmation, any refusal — waits until the run's records so far are
 *       durable, and fails (no effect) if one of them was lost. The trail and its guarantees are the same; the run
 *       waits for the disk about half as often.
 * </ul>
 */
public enum AuditDurability {
    RECORD,
    EFFECT
}
