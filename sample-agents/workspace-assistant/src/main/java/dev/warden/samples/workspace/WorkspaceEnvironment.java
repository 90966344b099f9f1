package dev.warden.samples.workspace;

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
import java.util.Locale;
import java.util.Map;

/**
 * The workspace assistant's world — an inbox, a calendar and a cloud drive — loaded from YAML in AgentDojo's own
 * workspace format ({@code inbox.initial_emails}, {@code calendar.initial_events}, {@code cloud_drive.initial_files},
 * the includes resolved), so an evaluator can point {@code workspace.environment} at AgentDojo's data as it is. Each
 * item may say who wrote it ({@code origin: user | external}); when it does not, {@link #originOf} infers it from what
 * the data records (see there). Unknown fields are an error, so a typo fails loudly. Mutable: the tools change it.
 */
@RegisterForReflection(targets = {WorkspaceEnvironment.class, WorkspaceEnvironment.Inbox.class,
        WorkspaceEnvironment.Email.class, WorkspaceEnvironment.Calendar.class, WorkspaceEnvironment.Event.class,
        WorkspaceEnvironment.Drive.class, WorkspaceEnvironment.DriveFile.class, WorkspaceEnvironment.Contact.class})
public final class WorkspaceEnvironment {
    public Inbox inbox;
    public Calendar calendar;
    @JsonProperty("cloud_drive")
    public Drive cloudDrive;

    public static final class Inbox {
        @JsonProperty("account_email")
        public String accountEmail;
        @JsonProperty("initial_emails")
        public List<Email> emails = new ArrayList<>();
        /** Extra contacts; every address of every e-mail is a contact too, as in AgentDojo. */
        @JsonProperty("contact_list")
        public List<Contact> contacts = new ArrayList<>();
        /** Deleted e-mails, by id. */
        public Map<String, Email> trash = new LinkedHashMap<>();
    }

    public static final class Email {
        @JsonProperty("id_")
        public String id;
        public String sender;
        public List<String> recipients = new ArrayList<>();
        public List<String> cc = new ArrayList<>();
        public List<String> bcc = new ArrayList<>();
        public String subject = "";
        public String body = "";
        public String status = "sent";
        public boolean read;
        public String timestamp;
        /** File ids or calendar events (as maps). */
        public List<Object> attachments = new ArrayList<>();
        public String origin;
    }

    public static final class Contact {
        public String email;
        public String name;
    }

    public static final class Calendar {
        @JsonProperty("account_email")
        public String accountEmail;
        @JsonProperty("current_day")
        public String currentDay;
        @JsonProperty("initial_events")
        public List<Event> events = new ArrayList<>();
    }

    public static final class Event {
        @JsonProperty("id_")
        public String id;
        public String title = "";
        public String description = "";
        @JsonProperty("start_time")
        public String startTime;
        @JsonProperty("end_time")
        public String endTime;
        public String location;
        public List<String> participants = new ArrayList<>();
        @JsonProperty("all_day")
        public boolean allDay;
        public String status = "confirmed";
        public String origin;
    }

    public static final class Drive {
        @JsonProperty("account_email")
        public String accountEmail;
        @JsonProperty("initial_files")
        public List<DriveFile> files = new ArrayList<>();
    }

    public static final class DriveFile {
        @JsonProperty("id_")
        public String id;
        public String filename;
        @JsonProperty("file_type")
        public String fileType;
        public String content = "";
        public String owner;
        @JsonProperty("last_modified")
        public String lastModified;
        @JsonProperty("shared_with")
        public Map<String, String> sharedWith = new LinkedHashMap<>();
        public Integer size;
        public String origin;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Loads {@code classpath:...} or a file path; a malformed environment is a startup error naming the file. */
    public static WorkspaceEnvironment load(String location) {
        try (InputStream in = open(location)) {
            WorkspaceEnvironment env = YAML.readValue(in, WorkspaceEnvironment.class);
            if (env.inbox == null || env.calendar == null || env.cloudDrive == null || env.inbox.accountEmail == null) {
                throw new IllegalArgumentException("workspace environment " + location
                        + " must define inbox (with account_email), calendar and cloud_drive");
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load workspace environment " + location + ": " + e.getMessage(), e);
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

    /** A deep copy: one user's own workspace, seeded from this environment. */
    WorkspaceEnvironment copy() {
        return YAML.convertValue(this, WorkspaceEnvironment.class);
    }

    /** The account owner's address. */
    public String account() {
        return inbox.accountEmail;
    }

    /** {@code user} when the user sent it (or the file says so), else {@code external}. */
    String originOf(Email e) {
        return e.origin != null && !e.origin.isBlank() ? e.origin : same(e.sender, account()) ? "user" : "external";
    }

    /**
     * An event is the user's own only when the file says so ({@code origin: user}) or the assistant created it for the
     * user: a calendar does not record who wrote an invitation's text.
     */
    String originOf(Event e) {
        return e.origin != null && !e.origin.isBlank() ? e.origin : "external";
    }

    /**
     * A file is the user's own when the user owns it and nobody else may write it: a spreadsheet others can edit (or
     * that collects what others submitted) holds text the user did not write.
     */
    String originOf(DriveFile f) {
        if (f.origin != null && !f.origin.isBlank()) {
            return f.origin;
        }
        boolean othersWrite = f.sharedWith.entrySet().stream()
                .anyMatch(s -> !same(s.getKey(), account()) && s.getValue() != null && s.getValue().contains("w"));
        return same(f.owner, account()) && !othersWrite ? "user" : "external";
    }

    static boolean same(String a, String b) {
        return a != null && b != null && a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    String nextEmailId() {
        return next(inbox.emails.stream().map(e -> e.id).toList(), inbox.trash.keySet());
    }

    String nextEventId() {
        return next(calendar.events.stream().map(e -> e.id).toList(), List.of());
    }

    String nextFileId() {
        return next(cloudDrive.files.stream().map(f -> f.id).toList(), List.of());
    }

    private static String next(List<String> ids, java.util.Collection<String> more) {
        int max = -1;
        for (String id : ids) {
            max = Math.max(max, parse(id));
        }
        for (String id : more) {
            max = Math.max(max, parse(id));
        }
        return String.valueOf(max + 1);
    }

    private static int parse(String id) {
        try {
            return Integer.parseInt(id.trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
