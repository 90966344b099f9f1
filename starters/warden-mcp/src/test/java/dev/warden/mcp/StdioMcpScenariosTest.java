package dev.warden.mcp;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.warden.mcp.testserver.StdioBankServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenarios over stdio: the bank server runs as a subprocess (a JVM on this test's classpath). */
class StdioMcpScenariosTest extends GovernedMcpScenarios {
    static McpClient client;

    @BeforeAll
    static void launchServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StdioMcpTransport transport = new StdioMcpTransport.Builder()
                .command(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), StdioBankServer.class.getName()))
                .logEvents(false).build();
        client = new DefaultMcpClient.Builder().key("bank").transport(transport).cacheToolList(false)
                .initializationTimeout(Duration.ofSeconds(30)).toolExecutionTimeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        client.close();
    }

    @Override
    McpClient client() {
        return client;
    }
}
