package dev.warden.identity;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The CRM assistant's tools, recording what really ran. */
public class CrmAssistantTools {
    public final List<String> ran = new CopyOnWriteArrayList<>();

    @Tool(name = "crm.read", value = "Read a CRM account")
    @ToolGovernance(effects = Effect.READ)
    public String readCrm(@P("account") String account) {
        ran.add("crm.read");
        return "account " + account + ": 3 open deals";
    }

    @Tool(name = "email.draft", value = "Draft an e-mail (not sent)")
    @ToolGovernance(effects = Effect.WRITE)
    public String draftEmail(@P("to") String to, @P("body") String body) {
        ran.add("email.draft");
        return "draft saved";
    }

    @Tool(name = "reports.export", value = "Export a report as CSV")
    @ToolGovernance(effects = Effect.READ)
    public String exportReport(@P("report") String report) {
        ran.add("reports.export");
        return "exported " + report;
    }

    @Tool(name = "email.send", value = "Send an e-mail")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION)
    public String sendEmail(@P("to") String to, @P("body") String body) {
        ran.add("email.send");
        return "sent";
    }
}
