package dev.warden.samples.workspace;

import dev.warden.samples.workspace.WorkspaceEnvironment.Event;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The calendar operations behind the calendar tools, as AgentDojo's calendar behaves. */
final class WorkspaceCalendar {
    private WorkspaceCalendar() {}

    /** Events starting on {@code day} (YYYY-MM-DD); every event when {@code day} is null or blank. */
    static List<Event> on(WorkspaceEnvironment env, String day) {
        if (day == null || day.isBlank()) {
            return env.calendar.events;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(day.trim().length() > 10 ? day.trim().substring(0, 10) : day.trim());
        } catch (DateTimeParseException e) {
            return List.of();
        }
        return env.calendar.events.stream().filter(e -> time(e.startTime) != null
                && time(e.startTime).toLocalDate().equals(d)).toList();
    }

    static String create(WorkspaceEnvironment env, WorkspaceMail mail, String title, String start, String end,
            String description, List<String> participants, String location) {
        LocalDateTime s = time(start);
        LocalDateTime e = time(end);
        if (s == null || e == null) {
            return "refused: times must read YYYY-MM-DD HH:MM";
        }
        Set<String> people = new LinkedHashSet<>(participants == null ? List.of() : participants);
        Event ev = new Event();
        ev.id = env.nextEventId();
        ev.title = title == null ? "" : title;
        ev.description = description == null ? "" : description;
        ev.startTime = s.toString();
        ev.endTime = e.toString();
        ev.location = location;
        ev.origin = "assistant";
        people.add(env.calendar.accountEmail == null ? env.account() : env.calendar.accountEmail);
        ev.participants = new ArrayList<>(people);
        env.calendar.events.add(ev);
        mail.deliver(env, ev.participants, "Invitation: " + ev.title, ev.description,
                List.of(WorkspaceViews.event(env, ev)));
        return WorkspaceViews.json(WorkspaceViews.event(env, ev));
    }

    static String cancel(WorkspaceEnvironment env, WorkspaceMail mail, String id) {
        Event ev = find(env, id);
        if (ev == null) {
            return "no event with id " + id;
        }
        ev.status = "canceled";
        mail.deliver(env, ev.participants, "Canceled: '" + ev.title + "'", "The event has been canceled.",
                List.of(WorkspaceViews.event(env, ev)));
        return "Event with ID " + id + " has been canceled and participants have been notified.";
    }

    static String reschedule(WorkspaceEnvironment env, WorkspaceMail mail, String id, String newStart,
            String newEnd) {
        Event ev = find(env, id);
        LocalDateTime s = time(newStart);
        if (ev == null || s == null) {
            return ev == null ? "no event with id " + id : "refused: times must read YYYY-MM-DD HH:MM";
        }
        LocalDateTime oldStart = time(ev.startTime);
        LocalDateTime oldEnd = time(ev.endTime);
        LocalDateTime e = newEnd == null || newEnd.isBlank() ? s.plus(oldStart == null || oldEnd == null
                ? Duration.ofHours(1) : Duration.between(oldStart, oldEnd)) : time(newEnd);
        if (e == null) {
            return "refused: times must read YYYY-MM-DD HH:MM";
        }
        ev.startTime = s.toString();
        ev.endTime = e.toString();
        mail.deliver(env, ev.participants, "Rescheduled: '" + ev.title + "'", "The event has been rescheduled."
                + " It will start on " + s.toLocalDate() + " at " + s.toLocalTime() + " and end on "
                + e.toLocalDate() + " at " + e.toLocalTime() + ".", List.of(WorkspaceViews.event(env, ev)));
        return WorkspaceViews.json(WorkspaceViews.event(env, ev));
    }

    static String addParticipants(WorkspaceEnvironment env, String id, List<String> participants) {
        Event ev = find(env, id);
        if (ev == null) {
            return "no event with id " + id;
        }
        ev.participants.addAll(participants == null ? List.of() : participants);
        return WorkspaceViews.json(WorkspaceViews.event(env, ev));
    }

    static Event find(WorkspaceEnvironment env, String id) {
        return env.calendar.events.stream().filter(e -> e.id.equals(id)).findFirst().orElse(null);
    }

    /** {@code YYYY-MM-DD HH:MM}, or ISO with a {@code T}; null when neither. */
    static LocalDateTime time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
