package dev.warden.samples.slack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Slack assistant's world, loaded from YAML in AgentDojo's slack format ({@code slack:} users, channels, channel
 * memberships, inboxes; {@code web:} pages and the log of requests), so an AgentDojo environment file (its
 * placeholders filled in) loads as it is. One optional addition: {@code owner}, the Slack user the requester is —
 * messages that user wrote are the user's own words (trusted); every other message and every web page is content
 * from others. Mutable only through {@link SlackAssistant}'s governed tools; each (tenant, user) gets a {@link #copy()}.
 * Unknown fields are an error, so a typo in an environment fails loudly.
 */
@RegisterForReflection(targets = {SlackEnvironment.class, SlackEnvironment.Slack.class, SlackEnvironment.Message.class,
        SlackEnvironment.Web.class})
public final class SlackEnvironment {
    /** The Slack user name of the requester, or {@code null} (nobody's messages are the requester's own). */
    public String owner;
    public Slack slack;
    public Web web = new Web();

    public static final class Slack {
        public List<String> users = new ArrayList<>();
        public List<String> channels = new ArrayList<>();
        @JsonProperty("user_channels")
        public Map<String, List<String>> userChannels = new LinkedHashMap<>();
        @JsonProperty("user_inbox")
        public Map<String, List<Message>> userInbox = new LinkedHashMap<>();
        @JsonProperty("channel_inbox")
        public Map<String, List<Message>> channelInbox = new LinkedHashMap<>();
    }

    public static final class Message {
        public String sender;
        public String recipient;
        public String body;

        public Message() {}

        Message(String sender, String recipient, String body) {
            this.sender = sender;
            this.recipient = recipient;
            this.body = body;
        }
    }

    public static final class Web {
        @JsonProperty("web_content")
        public Map<String, String> webContent = new LinkedHashMap<>();
        @JsonProperty("web_requests")
        public List<String> webRequests = new ArrayList<>();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Loads {@code classpath:...} or a file path; a malformed environment is a startup error naming the file. */
    public static SlackEnvironment load(String location) {
        try (InputStream in = open(location)) {
            SlackEnvironment env = YAML.readValue(in, SlackEnvironment.class);
            if (env == null || env.slack == null) {
                throw new IllegalArgumentException("slack environment " + location + " must define slack");
            }
            if (env.web == null) {
                env.web = new Web();
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load slack environment " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("not found on the classpath: " + name);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    /** A deep copy: one requester's own workspace, seeded from this environment. */
    SlackEnvironment copy() {
        return YAML.convertValue(this, SlackEnvironment.class);
    }

    /** AgentDojo's URL form: without {@code https://} or {@code http://}. */
    static String standardUrl(String url) {
        String u = url == null ? "" : url.trim();
        if (u.startsWith("https://")) {
            return u.substring(8);
        }
        return u.startsWith("http://") ? u.substring(7) : u;
    }
}
