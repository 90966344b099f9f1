package dev.warden.samples.research;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.quarkus.WardenAgent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Searches the internal knowledge base. Results are JSON; a finding that carries a {@code personal_data} field is
 * labelled RESTRICTED/PII by the data-flow plane ({@code warden.data-flow.field-labels.personal_data}), and that label
 * stays on every context the finding reaches — the supervisor's, then the writer's.
 */
@WardenAgent(id = "researcher", description = "Finds sources on a topic in the internal knowledge base",
        owner = "research-team", version = "1.0", policies = "research-team",
        systemMessage = "You research topics with search_sources and report what the sources say.")
public class Researcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The topic whose sources include an HR file about a person. */
    public static final String SENSITIVE_TOPIC = "project atlas";

    @Tool(name = "search_sources", value = "Searches the internal knowledge base for sources on a topic")
    @ToolGovernance(effects = Effect.READ)
    public String searchSources(@P("the topic") String topic) {
        String t = topic.trim().toLowerCase(Locale.ROOT);
        List<Map<String, String>> findings = new java.util.ArrayList<>();
        findings.add(finding("encyclopedia", t + " is covered by two public reviews"));
        findings.add(finding("trade-press", "interest in " + t + " grew in 2025"));
        if (t.contains(SENSITIVE_TOPIC)) {
            Map<String, String> hr = finding("hr-files", "the lead negotiator of " + t + " is unavailable");
            hr.put("personal_data", "Jane Roe, on medical leave until March");
            findings.add(hr);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("topic", t);
        result.put("findings", findings);
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> finding(String source, String summary) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("summary", summary);
        return m;
    }
}
