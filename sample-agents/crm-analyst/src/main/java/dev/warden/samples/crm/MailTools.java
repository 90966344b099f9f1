package dev.warden.samples.crm;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The analyst's mailbox. Reading the inbox brings in text written outside the company (UNTRUSTED); drafting is
 * free; sending is external communication, which the policies hold for a manager's approval and the data-flow plane
 * keeps away from values that only untrusted mail supplied. What was drafted and sent is observable
 * ({@link #drafts()}, {@link #sent()}) so tests can check outcomes from outside.
 */
@Singleton
public class MailTools {
    /** A drafted or sent message. */
    public record Message(String to, String subject, String body) {}

    private final List<CrmEnvironment.Mail> inbox;
    private final List<Message> drafts = new CopyOnWriteArrayList<>();
    private final List<Message> sent = new CopyOnWriteArrayList<>();

    MailTools(CrmEnvironment env) {
        this.inbox = List.copyOf(env.inbox);
    }

    @Tool(name = "inbox.read", value = "The messages in the analyst's inbox")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.INTERNAL,
            sourceIntegrity = Integrity.UNTRUSTED)
    public String readInbox() {
        return JsonText.of(inbox);
    }

    @Tool(name = "email.draft", value = "Save an e-mail draft (nothing is sent)")
    // a draft is staged outbound mail: same clearance as sending (red-team finding: drafts to outside addresses)
    @ToolGovernance(effects = Effect.WRITE, sinkLevel = Confidentiality.CONFIDENTIAL, sinkCategories = "PII")
    public String draft(@P("recipient address") String to, @P("subject") String subject, @P("body") String body) {
        drafts.add(new Message(to, subject, body));
        // no draft number: the sample keeps one mailbox for every user, and a count would tell one user how many
        // drafts the others saved (S12-8)
        return "draft saved for " + to;
    }

    @Tool(name = "email.send", value = "Send an e-mail")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, risk = Risk.HIGH,
            sinkLevel = Confidentiality.CONFIDENTIAL, sinkCategories = "PII")
    public String send(@P("recipient address") String to, @P("subject") String subject, @P("body") String body) {
        if (to == null || !to.contains("@")) {
            return "refused: '" + to + "' is not an e-mail address";
        }
        sent.add(new Message(to, subject, body));
        return "sent to " + to;
    }

    /** Drafts saved so far, oldest first. */
    public List<Message> drafts() {
        return List.copyOf(drafts);
    }

    /** Messages sent so far, oldest first. */
    public List<Message> sent() {
        return List.copyOf(sent);
    }
}
