package dev.warden.quarkus.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.warden.core.Labels;
import dev.warden.core.agent.StoredConversation;
import dev.warden.spi.ConversationStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversation memory in PostgreSQL ({@code warden.memory.store=postgres}), shared by replicas and kept across
 * restarts: one row per message with its labels ({@code warden_conversation_message}), keyed by tenant, user, agent
 * and conversation id. {@link #save} replaces a conversation in one transaction (delete, then insert the kept
 * messages), so messages and labels are never stored apart; a conversation over {@code maxMessages} loses its oldest
 * turns whole ({@link StoredConversation#trimmedTo}).
 *
 * <p>Fail closed: a database fault or an unreadable message makes {@link #load} throw
 * ({@link PostgresStoreCodes#CONVERSATION_READ_FAILED}), so the run that continues the conversation does not start
 * as if its memory held nothing; a row whose labels cannot be read is RESTRICTED/UNLABELLED, untrusted
 * ({@link StoredConversation#UNLABELLED}).
 *
 * <p>Threading: blocking; call from worker or virtual threads, never from a Vert.x event loop.
 *
 * <pre>{@code
 * ConversationStore memory = new PostgresConversationStore(pool, "public", Duration.ofSeconds(10), 200);
 * GovernedAgent agent = GovernedAgent.builder().memory(memory)...build();
 * }</pre>
 */
public final class PostgresConversationStore implements ConversationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Pool pool;
    private final Duration timeout;
    private final int maxMessages;
    private final String select;
    private final String delete;
    private final String insert;

    public PostgresConversationStore(Pool pool, String schema, Duration timeout, int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive");
        }
        this.pool = pool;
        this.timeout = timeout;
        this.maxMessages = maxMessages;
        String table = SqlIdentifiers.requireValid(schema) + ".warden_conversation_message";
        String key = " WHERE tenant = $1 AND user_id = $2 AND agent_id = $3 AND conversation_id = $4";
        select = "SELECT message::text AS message, labels::text AS labels FROM " + table + key + " ORDER BY seq";
        delete = "DELETE FROM " + table + key;
        // through text: a Java String bound straight to jsonb would be stored as a JSON string
        insert = "INSERT INTO " + table + " (tenant, user_id, agent_id, conversation_id, seq, message, labels)"
                + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)";
    }

    @Override
    public Optional<StoredConversation> load(Key key) {
        Blocking.refuseEventLoop("PostgresConversationStore.load");
        List<ChatMessage> messages = new ArrayList<>();
        List<Labels> labels = new ArrayList<>();
        try {
            for (Row row : await(pool.preparedQuery(select).execute(keyTuple(key)),
                    PostgresStoreCodes.CONVERSATION_READ_FAILED)) {
                messages.add(ChatMessageDeserializer.messageFromJson(row.getString("message")));
                labels.add(labels(row.getString("labels")));
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(PostgresStoreCodes.message(PostgresStoreCodes.CONVERSATION_READ_FAILED,
                    "conversation store: a stored message cannot be read (" + e.getClass().getSimpleName() + ")"),
                    e);
        }
        return messages.isEmpty() ? Optional.empty() : Optional.of(new StoredConversation(messages, labels));
    }

    @Override
    public void save(Key key, StoredConversation conversation) {
        Blocking.refuseEventLoop("PostgresConversationStore.save");
        StoredConversation kept = conversation.trimmedTo(maxMessages);
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < kept.messages().size(); i++) {
            rows.add(keyTuple(key).addInteger(i).addString(ChatMessageSerializer.messageToJson(kept.messages()
                    .get(i))).addString(json(kept.labels().get(i))));
        }
        await(pool.withTransaction(c -> c.preparedQuery(delete).execute(keyTuple(key)).compose(deleted ->
                rows.isEmpty() ? Future.succeededFuture() : c.preparedQuery(insert).executeBatch(rows).mapEmpty())),
                PostgresStoreCodes.CONVERSATION_WRITE_FAILED);
    }

    private static Tuple keyTuple(Key key) {
        return Tuple.tuple().addString(key.tenant() == null ? "" : key.tenant()).addString(key.userId())
                .addString(key.agentId()).addString(key.conversationId());
    }

    /** {@code null} (stored without labels, or unreadable): {@link StoredConversation} makes it UNLABELLED. */
    private static Labels labels(String json) {
        if (json == null) {
            return null;
        }
        try {
            var n = JSON.readTree(json);
            java.util.TreeSet<String> categories = new java.util.TreeSet<>();
            n.get("categories").forEach(c -> categories.add(c.asText()));
            return new Labels(dev.warden.core.Confidentiality.valueOf(n.get("level").asText()), categories,
                    dev.warden.core.Integrity.valueOf(n.get("integrity").asText()));
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code {"level":"RESTRICTED","categories":["PII"],"integrity":"TRUSTED"}}. */
    private static String json(Labels labels) {
        var n = JSON.createObjectNode();
        n.put("level", labels.level().name());
        var categories = n.putArray("categories");
        labels.categories().forEach(categories::add);
        n.put("integrity", labels.integrity().name());
        return n.toString();
    }

    private <T> T await(Future<T> future, String code) {
        return Blocking.await(future, timeout, e -> new IllegalStateException(PostgresStoreCodes.message(code,
                "conversation store: " + e.getMessage()), e));
    }
}
