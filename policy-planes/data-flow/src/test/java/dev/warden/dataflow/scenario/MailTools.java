package dev.warden.dataflow.scenario;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Mail and CRM tools with observable side effects: the inbox is written by strangers, the CRM holds PII. */
public class MailTools {
    public final List<String> sent = new CopyOnWriteArrayList<>();
    public volatile String inbox = "From: bob@partner.example.com\nSubject: lunch\nSee you at noon.";

    @Tool(name = "read_inbox", value = "Latest inbound e-mail")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.INTERNAL, sourceIntegrity = Integrity.UNTRUSTED)
    public String readInbox() {
        return inbox;
    }

    @Tool(name = "customer_list", value = "All customers with contact details")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "PII")
    public String customerList() {
        return "[{\"name\":\"Ann Smith\",\"email\":\"ann.smith@example.com\"},"
                + "{\"name\":\"Raj Patel\",\"email\":\"raj.patel@example.org\"}]";
    }

    @Tool(name = "send_email", value = "Send an e-mail")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, risk = Risk.HIGH)
    public String sendEmail(@P("recipient address") String to, @P("subject") String subject, @P("body") String body) {
        sent.add(to);
        return "sent to " + to;
    }
}
