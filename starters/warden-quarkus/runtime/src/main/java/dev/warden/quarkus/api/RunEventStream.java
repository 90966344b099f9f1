package dev.warden.quarkus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.RunEvent;
import dev.warden.quarkus.api.Dtos.DecisionView;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.runtime.RunEventLog;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's events on the wire (Server-Sent Events, decision 0035): {@code id} is the event's number in the run (quote
 * it as {@code Last-Event-ID} to resume), {@code event} its type, {@code data} one JSON object. Runs' ends and
 * suspensions carry the same JSON as {@code GET /v1/runs/{id}}.
 */
final class RunEventStream {
    private RunEventStream() {}

    /** The event types a reader may receive, in the order they are documented. */
    static final String GAP = "gap";

    static OutboundSseEvent toSse(Sse sse, ObjectMapper json, Clock clock, RunEventLog log, RunEventLog.Entry entry) {
        String type = entry.gap() ? GAP : entry.event().type();
        return sse.newEventBuilder().id(Long.toString(entry.id())).name(type)
                .data(write(json, data(clock, log, entry))).build();
    }

    private static Object data(Clock clock, RunEventLog log, RunEventLog.Entry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (entry.gap()) {
            out.put("code", WardenCodes.STREAM_EVENTS_LOST);
            out.put("firstAvailableId", entry.id());
            out.put("detail", "earlier events of this run are no longer buffered; GET /v1/runs/{id} has its state");
            return out;
        }
        RunEvent e = entry.event();
        out.put("runId", e.runId());
        if (e instanceof RunEvent.Token t) {
            out.put("step", t.step());
            out.put("text", t.text());
        } else if (e instanceof RunEvent.ToolCallRequested t) {
            out.put("step", t.step());
            out.put("toolCallId", t.toolCallId());
            out.put("tool", t.tool());
        } else if (e instanceof RunEvent.Decision d) {
            out.put("decision", DecisionView.of(d.decision()));
        } else if (e instanceof RunEvent.ApprovalDecided a) {
            out.put("approvalId", a.approvalId());
            out.put("approved", a.approved());
            out.put("by", a.by());
        } else if (e instanceof RunEvent.ApprovalNeeded a) {
            return RunView.of(log.agentId(), log.userId(), a.result(), clock.instant());
        } else if (e instanceof RunEvent.Completed c) {
            return RunView.of(log.agentId(), log.userId(), c.result(), clock.instant());
        } else if (e instanceof RunEvent.Refused r) {
            return RunView.of(log.agentId(), log.userId(), r.result(), clock.instant());
        }
        return out;
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
    }
}
