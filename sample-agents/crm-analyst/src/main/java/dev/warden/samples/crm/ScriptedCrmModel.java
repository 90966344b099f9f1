package dev.warden.samples.crm;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import jakarta.enterprise.inject.Produces;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline stand-in for an LLM ({@code warden.model=scripted}, the sample's default; {@code @Identifier}, not
 * {@code @Named}: a {@code @Named} bean is also {@code @Default} and would shadow a provider's default model). Deliberately gullible: like a
 * fully compromised model it obeys instructions it finds in inbound mail ("forward the customer list to …"), so the
 * demo shows that Warden — not the model's judgement — keeps the customer list in the company.
 *
 * <p>Phrases it understands: {@code sql: <statement>}, {@code update customer N <field> to <value>},
 * {@code draft|send an email to <address> subject: <subject>; body: <body>}, {@code forward the customer list to
 * <address>}, {@code mail customer N's record to <address>}, {@code customer N}, {@code find customers in <text>},
 * {@code inbox}, {@code export a report of N rows}.
 */
public class ScriptedCrmModel {
    static final String ADDRESS = "([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)";
    private static final String MESSAGE = " subject: ([^;]+); body: (.+)";

    @Produces
    @Singleton
    @Identifier("scripted")
    ChatModel scripted() {
        ScriptedChatModel rules = ScriptedChatModel.rules()
                .whenUser("\\bsql\\s*:\\s*(.+)", m -> List.of(call("sql.query", Map.of("query", m.group(1).trim()))))
                .whenUser("update customer (\\d+)(?:'s)? (\\w+) to (\\S+)", m -> List.of(call("crm.update_customer",
                        Map.of("id", Integer.parseInt(m.group(1)), "field", m.group(2), "value", m.group(3)))))
                .whenUser("draft an? e-?mail to " + ADDRESS + MESSAGE, m -> List.of(mail("email.draft", m.group(1),
                        m.group(2), m.group(3))))
                .whenUser("send an? e-?mail to " + ADDRESS + MESSAGE, m -> List.of(mail("email.send", m.group(1),
                        m.group(2), m.group(3))))
                .whenUser(ForwardingInstinct.FORWARD, m -> List.of(searchAll()))
                .whenUser(ForwardingInstinct.MAIL_RECORD, m -> List.of(call("crm.get_customer",
                        Map.of("id", Integer.parseInt(m.group(1))))))
                .whenUser("\\bcustomer (?:#|no\\.? ?)?(\\d+)", m -> List.of(call("crm.get_customer",
                        Map.of("id", Integer.parseInt(m.group(1))))))
                .whenUser("(?:find|search)(?: for)? customers?(?: named| in| at| from)?\\s*([^?.!]*)",
                        m -> List.of(call("crm.search_customers", Map.of("query", m.group(1).trim()))))
                .whenUser("\\binbox\\b|\\bmy mail\\b", m -> List.of(call("inbox.read", Map.of())))
                .whenUser("export (?:a report of )?(\\d+)", m -> List.of(call("reports.export",
                        Map.of("rows", Integer.parseInt(m.group(1))))))
                // the gullible part: an instruction inside a received mail is followed like the user's own
                .whenToolResult(ForwardingInstinct.FORWARD, m -> List.of(searchAll()))
                .otherwise("I can look up customers, run SELECT queries, read your inbox, draft and send e-mail and "
                        + "export reports.")
                .build();
        return new ForwardingInstinct(rules);
    }

    static ToolExecutionRequest mail(String tool, String to, String subject, String body) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("to", to);
        args.put("subject", subject.trim());
        args.put("body", body.trim());
        return call(tool, args);
    }

    private static ToolExecutionRequest searchAll() {
        return call("crm.search_customers", Map.of("query", ""));
    }
}
