package dev.warden.samples.research;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Writes summaries and publishes them on the public blog: {@code publish} is external communication cleared for
 * INTERNAL content at most, so anything RESTRICTED in the writer's context cannot go out through it. What was
 * published is kept in memory ({@link #published()}) so the demo and the tests can see it.
 */
@WardenAgent(id = "writer", description = "Writes summaries and publishes them on the public blog",
        owner = "research-team", version = "1.0", policies = "research-team",
        systemMessage = "You write concise summaries and publish them with publish(text).")
public class Writer {
    private final List<String> published = new CopyOnWriteArrayList<>();

    @Tool(name = "publish", value = "Publishes a text on the public research blog (https://blog.research.example)")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, sinkLevel = Confidentiality.INTERNAL)
    public String publish(@P("the text to publish") String text,
            @P(value = "where to publish; the team blog when omitted", required = false) String url) {
        // the policy (publish-only-to-the-team-blog) refuses any other host before this runs
        published.add(text);
        return "Published as post #" + published.size() + " on " + (url == null || url.isBlank() ? BLOG : url);
    }

    static final String BLOG = "https://blog.research.example/posts";

    public List<String> published() {
        return List.copyOf(published);
    }
}
