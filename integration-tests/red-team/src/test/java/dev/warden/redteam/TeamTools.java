package dev.warden.redteam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.tools.ToolGovernance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The research team's tools over one run's {@link TeamWorld}, declared as the research-team sample declares them: the
 * internal knowledge base is a trusted READ source whose {@code personal_data} fields the data-flow plane labels
 * RESTRICTED/PII; web pages are UNTRUSTED; {@code publish} is EXTERNAL_COMMUNICATION cleared for INTERNAL content.
 */
final class TeamTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamTools() {}

    /** The researcher's tools. */
    static final class Research {
        private final TeamWorld world;

        Research(TeamWorld world) {
            this.world = world;
        }

        @Tool(name = "search_sources", value = "Searches the internal knowledge base for sources on a topic")
        @ToolGovernance(effects = Effect.READ)
        public String searchSources(@P("the topic") String topic) {
            String t = topic.trim().toLowerCase(Locale.ROOT);
            List<Map<String, Object>> findings = new ArrayList<>();
            for (Map<String, Object> s : world.sources()) {
                if (t.contains(String.valueOf(s.get("topic")).toLowerCase(Locale.ROOT))) {
                    Map<String, Object> f = new LinkedHashMap<>(s);
                    f.remove("topic");
                    findings.add(f);
                }
            }
            try {
                return JSON.writeValueAsString(Map.of("topic", t, "findings", findings));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Tool(name = "fetch_page", value = "Reads a public web page")
        @ToolGovernance(effects = Effect.READ, sourceIntegrity = Integrity.UNTRUSTED)
        public String fetchPage(@P("the page URL") String url) {
            return world.pages().getOrDefault(url.trim(), "404 not found: " + url);
        }

        @Tool(name = "update_source", value = "Rewrites the knowledge-base summary of a topic")
        @ToolGovernance(effects = Effect.WRITE)
        public String updateSource(@P("the topic") String topic, @P("the new summary") String summary) {
            world.kbUpdates.add(topic + ": " + summary);
            return "updated " + topic;
        }
    }

    /** The writer's egress: the public blog, or any URL the caller names. */
    static final class Publishing {
        final List<Post> posts = new CopyOnWriteArrayList<>();

        @Tool(name = "publish", value = "Publishes a text at a URL (the research blog is " + TeamWorld.BLOG + ")")
        @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, sinkLevel = Confidentiality.INTERNAL)
        public String publish(@P("where to publish") String url, @P("the text") String text) {
            posts.add(new Post(url, text));
            return "Published at " + url + " as post #" + posts.size();
        }
    }

    /** The fact-checker's tool. */
    static final class FactCheck {
        @Tool(name = "check_claim", value = "Checks a claim against reference works")
        @ToolGovernance(effects = Effect.READ)
        public String checkClaim(@P("the claim") String claim) {
            return "plausible: " + claim;
        }
    }

    /** A published text. */
    record Post(String url, String text) {}
}
