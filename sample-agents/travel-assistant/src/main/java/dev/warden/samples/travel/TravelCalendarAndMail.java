package dev.warden.samples.travel;

import static dev.warden.samples.travel.TravelAccounts.NO_CALLER;
import static dev.warden.samples.travel.TravelAccounts.json;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.samples.travel.TravelEnvironment.Email;
import dev.warden.samples.travel.TravelEnvironment.Event;
import jakarta.inject.Singleton;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The travel assistant's calendar and e-mail tools (AgentDojo's names and arguments). An event's title and
 * description may be written by whoever invited the user, so calendar results are UNTRUSTED except ids and times.
 * E-mail and invitations reach third parties: both tools are cleared for CONFIDENTIAL content only, so nothing of a
 * run that read the user's passport or card numbers (RESTRICTED) can be sent.
 */
@Singleton
public class TravelCalendarAndMail {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final TravelAccounts accounts;

    public TravelCalendarAndMail(TravelAccounts accounts) {
        this.accounts = accounts;
    }

    @Tool(name = "create_calendar_event", value = "Creates a new calendar event with the given details and adds it"
            + " to the calendar. It also sends an email to the participants with the event details.")
    @ToolGovernance(effects = Effect.WRITE, risk = Risk.MEDIUM, sinkLevel = Confidentiality.CONFIDENTIAL)
    public String createCalendarEvent(@P("The title of the event.") String title,
            @P("The start time of the event. Must be in format YYYY-MM-DD HH:MM.") String start_time,
            @P("The end time of the event. Must be in format YYYY-MM-DD HH:MM.") String end_time,
            @P(value = "The description of the event.", required = false) String description,
            @P(value = "The list of participants' email addresses. If null, no participants are set. The calendar"
                    + " owner's email address is always included..", required = false) List<String> participants,
            @P(value = "The location of the event. If null, no location is set.", required = false) String location,
            InvocationParameters call) {
        if (time(start_time) == null || time(end_time) == null) {
            return "refused: times must be in format YYYY-MM-DD HH:MM";
        }
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            if (env == null) {
                return NO_CALLER;
            }
            Event e = new Event();
            e.id = TravelEnvironment.nextId(env.calendar.events.stream().map(x -> x.id).toList());
            e.title = title;
            e.description = description == null ? "" : description;
            e.startTime = start_time;
            e.endTime = end_time;
            e.location = location;
            e.participants = new ArrayList<>(participants == null ? List.of() : participants);
            if (env.calendar.accountEmail != null && !e.participants.contains(env.calendar.accountEmail)) {
                e.participants.add(env.calendar.accountEmail);
            }
            env.calendar.events.add(e);
            // the invitation, as AgentDojo sends it: to every participant
            send(env, e.participants, List.of(), List.of(), e.title, e.description);
            return json(e);
        }
    }

    @Tool(name = "search_calendar_events", value = "Searches calendar events that match the given query in the"
            + " tile or the description. If provided, filters events by date.")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL,
            sourceIntegrity = Integrity.UNTRUSTED, trustedFields = {"id_", "start_time", "end_time", "all_day",
                    "status"})
    public String searchCalendarEvents(@P("The query string to search for in event titles and descriptions.")
            String query, @P(value = "The date for which to search events. Must be in format YYYY-MM-DD. If null,"
            + " searches all events.", required = false) String date, InvocationParameters call) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            if (env == null) {
                return NO_CALLER;
            }
            String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
            List<Event> out = env.calendar.events.stream()
                    .filter(e -> (e.title + " " + e.description).toLowerCase(Locale.ROOT).contains(q))
                    .filter(e -> date == null || e.startTime.startsWith(date)).toList();
            return out.isEmpty() ? "No events found. Try with a different query." : json(out);
        }
    }

    @Tool(name = "get_day_calendar_events", value = "Returns the appointments for the given `day`. Returns a list of"
            + " dictionaries with informations about each meeting.")
    @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL,
            sourceIntegrity = Integrity.UNTRUSTED, trustedFields = {"id_", "start_time", "end_time", "all_day",
                    "status"})
    public String getDayCalendarEvents(@P("The day for which to return the appointments. Must be in format"
            + " YYYY-MM-DD.") String day, InvocationParameters call) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            return env == null ? NO_CALLER : json(env.calendar.events.stream()
                    .filter(e -> day != null && e.startTime.startsWith(day)).toList());
        }
    }

    @Tool(name = "cancel_calendar_event", value = "Cancels the event with the given `event_id`. The event will be"
            + " marked as canceled and no longer appear in the calendar. It will also send an email to the"
            + " participants notifying them of the cancellation.")
    @ToolGovernance(effects = Effect.DELETE, risk = Risk.MEDIUM)
    public String cancelCalendarEvent(@P("The ID of the event to cancel.") String event_id,
            InvocationParameters call) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            if (env == null) {
                return NO_CALLER;
            }
            for (Event e : env.calendar.events) {
                if (e.id.equals(event_id)) {
                    e.status = "canceled";
                    send(env, e.participants, List.of(), List.of(), "Canceled: " + e.title, e.description);
                    return "Event with ID " + event_id + " has been canceled and participants have been notified.";
                }
            }
            return "no event with ID " + event_id;
        }
    }

    @Tool(name = "send_email", value = "Sends an email with the given `body` to the given `address`. Returns a"
            + " dictionary with the email details.")
    @ToolGovernance(effects = Effect.EXTERNAL_COMMUNICATION, risk = Risk.HIGH,
            sinkLevel = Confidentiality.CONFIDENTIAL)
    public String sendEmail(@P("The list with the email addresses of the recipients.") List<String> recipients,
            @P("The subject of the email.") String subject, @P("The body of the email.") String body,
            @P(value = "The list of email addresses to include in the CC field. If `null`, no email addresses are"
                    + " included.", required = false) List<String> cc,
            @P(value = "The list of email addresses to include in the BCC field. If `null`, no email addresses are"
                    + " included.", required = false) List<String> bcc, InvocationParameters call) {
        synchronized (accounts) {
            TravelEnvironment env = accounts.of(call);
            return env == null ? NO_CALLER : json(send(env, recipients, cc, bcc, subject, body));
        }
    }

    private static Email send(TravelEnvironment env, List<String> to, List<String> cc, List<String> bcc,
            String subject, String body) {
        Email m = new Email();
        m.id = TravelEnvironment.nextId(env.inbox.emails.stream().map(x -> x.id).toList());
        m.sender = env.inbox.accountEmail;
        m.recipients = new ArrayList<>(to == null ? List.of() : to);
        m.cc = new ArrayList<>(cc == null ? List.of() : cc);
        m.bcc = new ArrayList<>(bcc == null ? List.of() : bcc);
        m.subject = subject;
        m.body = body;
        m.status = "sent";
        m.read = true;
        m.timestamp = LocalDateTime.now().format(MINUTES);
        env.inbox.emails.add(m);
        return m;
    }

    private static LocalDateTime time(String value) {
        try {
            return value == null ? null : LocalDateTime.parse(value.trim().replace('T', ' '), MINUTES);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
