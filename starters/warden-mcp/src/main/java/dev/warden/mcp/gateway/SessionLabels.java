package dev.warden.mcp.gateway;

import dev.warden.core.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each MCP session has received so far, as the join of the labels of the results delivered to it. The remote
 * model behind a session has read all of them, so a session's later calls start from these labels: one untrusted
 * result (a web page carrying an injection) keeps the session's high-risk calls under the containment rules, however
 * the operator configured the caller labels. Labels only rise. Least recently used sessions are forgotten beyond
 * {@code capacity}. Thread-safe.
 */
final class SessionLabels {
    private final Map<String, Labels> bySession;

    SessionLabels(int capacity) {
        this.bySession = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Labels> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Labels of(String session) {
        return session == null ? Labels.PUBLIC : bySession.getOrDefault(session, Labels.PUBLIC);
    }

    synchronized void raise(String session, Labels received) {
        if (session != null && received != null) {
            bySession.merge(session, received, Labels::join);
        }
    }
}
