package dev.warden.delegation;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;
import java.util.ArrayList;
import java.util.List;

/** Tools of the research team used by the delegation tests. */
final class TeamTools {
    private TeamTools() {}

    /** The researcher's source: a dossier labelled RESTRICTED/PII by its tool declaration. */
    static final class RestrictedDossier {
        @Tool(name = "lookup_dossier", value = "Looks up the dossier of a person")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.RESTRICTED, sourceCategories = "PII")
        public String lookupDossier(@P("subject") String subject) {
            return "FINDINGS: " + subject + " lives at 12 Elm Street and owes 40k";
        }
    }

    /** The same source without sensitive labels: the negative control. */
    static final class PublicDossier {
        @Tool(name = "lookup_dossier", value = "Looks up the dossier of a person")
        @ToolGovernance(effects = Effect.READ)
        public String lookupDossier(@P("subject") String subject) {
            return "FINDINGS: " + subject + " published two papers";
        }
    }

    /** The writer's egress: external mail, cleared up to CONFIDENTIAL/PII (addresses are PII), never RESTRICTED. */
    static final class Mailer {
        final List<String> sent = new ArrayList<>();

        @Tool(name = "send_email", value = "Sends an email to an external recipient")
        @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, sinkLevel = Confidentiality.CONFIDENTIAL,
                sinkCategories = "PII")
        public synchronized String sendEmail(@P("to") String to, @P("body") String body) {
            sent.add(to + ": " + body);
            return "sent to " + to;
        }
    }
}
