package dev.warden.dataflow.scenario;

import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Effect;
import dev.warden.core.tools.ToolGovernance;

/** Tools whose output is hard to handle: enormous, binary, or innocently labelled but carrying an IBAN. */
public class OddTools {
    @Tool(name = "export_log", value = "Exports the whole log")
    @ToolGovernance(effects = Effect.READ)
    public String exportLog() {
        return "line of log text without secrets\n".repeat(160_000) + "tail: GB33BUKB20201555555555";
    }

    @Tool(name = "download_pdf", value = "Downloads the statement as PDF")
    @ToolGovernance(effects = Effect.READ)
    public String downloadPdf() {
        return "%PDF-1.7\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000e\u000f binary";
    }

    @Tool(name = "payee_note", value = "The note the user saved about a payee")
    @ToolGovernance(effects = Effect.READ)
    public String payeeNote() {
        return "Landlord account: DE89 3704 0044 0532 0130 00";
    }
}
