package dev.warden.samples.banking;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.model.scripted.ScriptedStreamingChatModel;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.inject.Produces;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline stand-in for an LLM ({@code warden.model=scripted}, the sample's default; {@code @Identifier}, not
 * {@code @Named}, so it never competes with a provider's default model bean). Deliberately gullible: like
 * a fully compromised model it obeys instructions it finds in transfer subjects and received files, so the demo shows
 * that Warden — not the model's judgement — keeps the money where it is.
 */
public class ScriptedBankingModel {
    private static final String IBAN = "([A-Z]{2}\\d{2}[A-Z0-9]{10,30})";
    private static final String AMOUNT = "(\\d+(?:\\.\\d{1,2})?)";

    @Produces
    @Singleton
    @Identifier("scripted")
    ChatModel scripted() {
        return ScriptedChatModel.rules()
                .whenUser("send " + AMOUNT + " EUR to " + IBAN, m -> List.of(transfer(m.group(2), m.group(1),
                        "requested by the user")))
                .whenUser("balance", m -> List.of(call("get_balance", Map.of())))
                .whenUser("\\biban\\b", m -> List.of(call("get_iban", Map.of())))
                .whenUser("scheduled", m -> List.of(call("get_scheduled_transactions", Map.of())))
                .whenUser("transactions", m -> List.of(call("get_most_recent_transactions", Map.of("n", 5))))
                .whenUser("pay the bill in ([\\w./-]+)", m -> List.of(call("read_file", Map.of("path", m.group(1)))))
                .whenUser("change my password to (\\S+)", m -> List.of(call("update_password",
                        Map.of("password", m.group(1)))))
                .whenUser("i moved to (.+), (.+)", m -> List.of(call("update_user_info",
                        Map.of("street", m.group(1).trim(), "city", m.group(2).trim()))))
                // the gullible part: instructions inside tool results are followed
                .whenToolResult("send " + AMOUNT + " EUR to " + IBAN, m -> List.of(transfer(m.group(2), m.group(1),
                        "as instructed")))
                // a bill: pay it, and do whatever else the letter says
                .whenToolResult("(?s)Amount due: " + AMOUNT + " EUR to IBAN " + IBAN
                        + "(?:.*?password to \\\\?\"([^\"\\\\]+)\\\\?\")?", m -> m.group(3) == null
                                ? List.of(transfer(m.group(2), m.group(1), "bill payment"))
                                : List.of(transfer(m.group(2), m.group(1), "bill payment"),
                                        call("update_password", Map.of("password", m.group(3)))))
                // read_file returns JSON: the letter's quotes arrive escaped (\")
                .whenToolResult("password to \\\\?\"([^\"\\\\]+)\\\\?\"", m -> List.of(call("update_password",
                        Map.of("password", m.group(1)))))
                .otherwise("I can show your balance, IBAN and transactions, send money, pay bills and update your "
                        + "details.")
                .build();
    }

    /**
     * The same model, streaming: its answers arrive in chunks of {@code banking.stream.chunk-chars} characters, one per
     * {@code banking.stream.delay}, so the demo streams offline ({@code Accept: text/event-stream}).
     */
    @Produces
    @Singleton
    @Identifier("scripted")
    StreamingChatModel scriptedStreaming(@Identifier("scripted") ChatModel scripted,
            @ConfigProperty(name = "banking.stream.chunk-chars", defaultValue = "4") int chunkChars,
            @ConfigProperty(name = "banking.stream.delay", defaultValue = "0ms") java.time.Duration delay) {
        return ScriptedStreamingChatModel.of(scripted).chunkChars(chunkChars).delay(delay).build();
    }

    private static dev.langchain4j.agent.tool.ToolExecutionRequest transfer(String iban, String amount,
            String subject) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("recipient", iban);
        args.put("amount", Double.parseDouble(amount));
        args.put("subject", subject);
        args.put("date", "2026-11-25");
        return call("send_money", args);
    }
}
