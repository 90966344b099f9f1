package dev.warden.dataflow.scenario;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HR file (RESTRICTED personal data) and a public blog cleared for INTERNAL content. */
public class HrTools {
    static final String NOTE = "Jane Roe is on medical leave until March";
    final List<String> published = new CopyOnWriteArrayList<>();

    @Tool(name = "hr_read_note", value = "Reads the HR note about a person")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.RESTRICTED, sourceCategories = "PII")
    public String readNote(@P("person") String person) {
        return NOTE;
    }

    @Tool(name = "team_news", value = "Today's team news")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.INTERNAL)
    public String news() {
        return "The offsite moves to Thursday";
    }

    @Tool(name = "publish", value = "Publishes a text on the public blog")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, sinkLevel = Confidentiality.INTERNAL)
    public String publish(@P("text") String text) {
        published.add(text);
        return "published";
    }
}
