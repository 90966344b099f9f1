package dev.warden.samples.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.samples.workspace.WorkspaceEnvironment.DriveFile;
import dev.warden.samples.workspace.WorkspaceEnvironment.Email;
import dev.warden.samples.workspace.WorkspaceEnvironment.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tools return: JSON written by Jackson (so text from outside can never forge an item, a field or an
 * {@code origin}), one object per e-mail, event or file, in AgentDojo's field names, each with the {@code origin} the
 * item labels of the tools read ({@code user}: the user wrote it and the whole item is trusted; {@code external} or
 * {@code assistant}: only the fields the system itself records are trusted). A file's {@code shared_with} is rendered
 * as a list of {@code {email, permission}} so the addresses are values the provenance tracker can see.
 */
final class WorkspaceViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkspaceViews() {}

    static Map<String, Object> email(WorkspaceEnvironment env, Email e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id_", e.id);
        m.put("sender", e.sender);
        m.put("recipients", e.recipients);
        m.put("cc", e.cc);
        m.put("bcc", e.bcc);
        m.put("subject", e.subject);
        m.put("body", e.body);
        m.put("status", e.status);
        m.put("read", e.read);
        m.put("timestamp", e.timestamp);
        m.put("attachments", e.attachments);
        m.put("origin", env.originOf(e));
        return m;
    }

    static Map<String, Object> event(WorkspaceEnvironment env, Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id_", e.id);
        m.put("title", e.title);
        m.put("description", e.description);
        m.put("start_time", e.startTime);
        m.put("end_time", e.endTime);
        m.put("location", e.location);
        m.put("participants", e.participants);
        m.put("all_day", e.allDay);
        m.put("status", e.status);
        m.put("origin", env.originOf(e));
        return m;
    }

    static Map<String, Object> file(WorkspaceEnvironment env, DriveFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id_", f.id);
        m.put("filename", f.filename);
        m.put("content", f.content);
        m.put("owner", f.owner);
        m.put("last_modified", f.lastModified);
        List<Map<String, Object>> shared = new ArrayList<>();
        f.sharedWith.forEach((email, permission) -> shared.add(Map.of("email", email, "permission", permission)));
        m.put("shared_with", shared);
        m.put("size", f.content == null ? 0 : f.content.length());
        m.put("origin", env.originOf(f));
        return m;
    }

    static String emails(WorkspaceEnvironment env, Collection<Email> es) {
        return json(es.stream().map(e -> email(env, e)).toList());
    }

    static String events(WorkspaceEnvironment env, Collection<Event> es) {
        return json(es.stream().map(e -> event(env, e)).toList());
    }

    static String files(WorkspaceEnvironment env, Collection<DriveFile> fs) {
        return json(fs.stream().map(f -> file(env, f)).toList());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
