package dev.warden.quarkus.mcp.upstream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts {@link UpstreamBankServer} before the Quarkus application and hands its URL to it as configuration. */
public class UpstreamBankResource implements QuarkusTestResourceLifecycleManager {
    /** Configuration key the application's {@link BankUpstream} connects to. */
    public static final String URL_KEY = "test.upstream-bank.url";

    private UpstreamBankServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = new UpstreamBankServer();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the upstream MCP server", e);
        }
        return Map.of(URL_KEY, server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
