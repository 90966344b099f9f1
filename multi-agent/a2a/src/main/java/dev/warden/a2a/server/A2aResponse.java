package dev.warden.a2a.server;

import java.util.concurrent.Flow;

/** What to send back for one A2A HTTP request: a JSON body, or a stream of JSON events to send as SSE. */
public sealed interface A2aResponse {
    /** A whole body: JSON-RPC JSON (HTTP 200) or an RFC 9457 problem (401). */
    record Json(int status, String contentType, String body) implements A2aResponse {}

    /** {@code text/event-stream}: each item is one JSON-RPC response, sent as {@code data: <json>}. */
    record Stream(Flow.Publisher<String> events) implements A2aResponse {}
}
