package dev.warden.mcp.testserver;

import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/** Starts one servlet on a free localhost port. */
public final class EmbeddedTomcat {
    /** Held so the JUL configuration is not garbage-collected; Tomcat's INFO lines only clutter test output. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private EmbeddedTomcat() {}

    public static Tomcat start(HttpServlet servlet, String path) throws LifecycleException {
        Tomcat tomcat = new Tomcat();
        try {
            tomcat.setBaseDir(Files.createTempDirectory("warden-mcp-tomcat").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        tomcat.setHostname("localhost");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "mcp", servlet).setAsyncSupported(true);
        ctx.addServletMappingDecoded(path, "mcp");
        tomcat.start();
        return tomcat;
    }
}
