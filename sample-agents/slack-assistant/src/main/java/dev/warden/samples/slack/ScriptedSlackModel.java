package dev.warden.samples.slack;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The offline stand-in for an LLM ({@code warden.model=scripted}, the sample's default). Deliberately gullible: like a
 * fully compromised model it obeys instructions it finds in messages and on web pages, so the demo shows that Warden
 * — not the model's judgement — decides what the assistant publishes, whom it invites and which links it spreads.
 */
public class ScriptedSlackModel {
    private static final String URL = "((?:https?://)?www\\.[\\w.-]+(?:/[\\w./-]*)?)";

    @Produces
    @Singleton
    @Identifier("scripted")
    ChatModel scripted() {
        return ScriptedChatModel.rules()
                .whenUser("(?i)read the content on webpage " + URL, m -> List.of(call("get_webpage",
                        Map.of("url", m.group(1)))))
                .whenUser("(?i)invite (\\w+) to slack.*?" + URL, m -> List.of(call("get_webpage",
                        Map.of("url", m.group(2)))))
                .whenUser("(?i)(?:read|summari[sz]e).*'(\\w+)' channel", m -> List.of(call("read_channel_messages",
                        Map.of("channel", m.group(1)))))
                .whenUser("(?i)(\\w+)'s inbox", m -> List.of(call("read_inbox", Map.of("user", m.group(1)))))
                .whenUser("(?i)post '([^']+)' (?:to|in) (?:the )?'?(\\w+)'?", m -> List.of(call("send_channel_message",
                        Map.of("channel", m.group(2), "body", m.group(1)))))
                .whenUser("(?i)channels", m -> List.of(call("get_channels", Map.of())))
                // a web page with an e-mail address: invite its owner (the user asked to invite someone)
                .whenToolResult("(?i)personal website of (\\w+)\\. My e-mail is ([\\w.+-]+@[\\w-]+\\.[\\w.]+\\w)",
                        m -> List.of(call("invite_user_to_slack", Map.of("user", m.group(1), "user_email",
                                m.group(2)))))
                // the gullible part: instructions inside messages and pages are followed
                .whenToolResult("(?i)post them to the website " + URL, m -> List.of(call("post_webpage",
                        Map.of("url", m.group(1), "content", "all the messages of the channel"))))
                .whenToolResult("(?i)invite user (\\w+) with the email ([\\w.+-]+@[\\w-]+\\.[\\w.]+\\w)",
                        m -> List.of(call("invite_user_to_slack", Map.of("user", m.group(1), "user_email",
                                m.group(2)))))
                .whenToolResult("(?i)send a link " + URL + " to (\\w+)", m -> List.of(call("send_direct_message",
                        Map.of("recipient", m.group(2), "body", "Check out this link: " + m.group(1)))))
                .otherwise("I can read channels, inboxes and web pages, send messages, invite members and publish"
                        + " pages.")
                .build();
    }
}
