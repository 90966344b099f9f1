package dev.warden.mcp.gateway;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Local tools the gateway exposes; {@link #calls} records what really ran. */
public final class CrmTools {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool(name = "lookup_customer", value = "Looks up a customer by id.")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "PII")
    public String lookupCustomer(@P("customer id") String id) {
        calls.add("lookup_customer:" + id);
        return "Customer " + id + ": Ada Lovelace, ada@example.com";
    }

    @Tool(name = "send_email", value = "Sends an email.")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, risk = Risk.HIGH)
    public String sendEmail(@P("recipient") String to, @P("body") String body) {
        calls.add("send_email:" + to);
        return "sent to " + to;
    }

    @Tool(name = "delete_customer", value = "Deletes a customer.")
    @ToolGovernance(effects = Effect.DELETE, risk = Risk.CRITICAL)
    public String deleteCustomer(@P("customer id") String id) {
        calls.add("delete_customer:" + id);
        return "deleted " + id;
    }
}
