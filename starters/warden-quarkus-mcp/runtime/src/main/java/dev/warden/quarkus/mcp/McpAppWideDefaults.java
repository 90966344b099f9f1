package dev.warden.quarkus.mcp;

import dev.warden.quarkus.runtime.AppWideDefaults;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/** Logs at startup what the MCP gateway sets for the whole application (its microprofile-config.properties). */
@Singleton
class McpAppWideDefaults {
    static final Map<String, String> KEYS = AppWideDefaults.ordered(
            "quarkus.http.auth.permission.warden-mcp.paths", "the MCP endpoints require an authenticated caller",
            "quarkus.http.auth.permission.warden-mcp.policy", "the MCP endpoints require an authenticated caller",
            "quarkus.mcp.server.support-langchain4j-annotations",
            "the agents' @Tool methods are never served as MCP tools directly, bypassing Warden");

    void onStart(@Observes StartupEvent event) {
        AppWideDefaults.log("warden-quarkus-mcp", KEYS);
    }
}
