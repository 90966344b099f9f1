package dev.warden.samples.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An attachment of {@code send_email}, as AgentDojo takes it: {@code {"type": "file", "file_id": "19"}} or
 * {@code {"type": "event", "event_details": {...}}}. Only {@code type} is required, so the tool's argument schema
 * admits both shapes.
 */
@RegisterForReflection(targets = {Attachment.class, Attachment.EventDetails.class})
public final class Attachment {
    /** {@code file} or {@code event}. */
    public String type;
    @JsonProperty(required = false)
    public String file_id;
    @JsonProperty(required = false)
    public EventDetails event_details;

    /** A calendar event sent as an attachment. */
    public static final class EventDetails {
        @JsonProperty(required = false)
        public String title;
        @JsonProperty(required = false)
        public String description;
        @JsonProperty(required = false)
        public String start_time;
        @JsonProperty(required = false)
        public String end_time;
        @JsonProperty(required = false)
        public String location;
        @JsonProperty(required = false)
        public List<String> participants;
    }
}
