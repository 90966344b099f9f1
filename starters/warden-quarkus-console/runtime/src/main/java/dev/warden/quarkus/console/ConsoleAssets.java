package dev.warden.quarkus.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * The console's static files: its stylesheet and script, and htmx with its SSE extension from their webjars (no Node
 * build, nothing fetched from a CDN). Only the files named here are served.
 */
@Path("/warden/assets")
public class ConsoleAssets {
    public static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";
    public static final String SSE = "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js";

    /** File name to classpath resource and media type. */
    static final Map<String, String[]> FILES = Map.of(
            "console.css", new String[] {"warden-console/assets/console.css", "text/css;charset=UTF-8"},
            "console.js", new String[] {"warden-console/assets/console.js", "text/javascript;charset=UTF-8"},
            "htmx.min.js", new String[] {HTMX, "text/javascript;charset=UTF-8"},
            "sse.js", new String[] {SSE, "text/javascript;charset=UTF-8"});

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name) {
        String[] file = FILES.get(name);
        InputStream in = file == null ? null : ConsoleAssets.class.getClassLoader().getResourceAsStream(file[0]);
        if (in == null) {
            return Response.status(404).build();
        }
        return Response.ok(in, file[1]).header("Cache-Control", "max-age=3600").build();
    }
}
