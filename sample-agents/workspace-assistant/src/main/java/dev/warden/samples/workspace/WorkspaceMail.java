package dev.warden.samples.workspace;

import dev.warden.samples.workspace.WorkspaceEnvironment.Email;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inbox operations behind the e-mail tools, as AgentDojo's inbox behaves. Contacts are the addresses of the
 * environment file's e-mails (and its {@code contact_list}) — fixed at load, so an address a run writes never becomes
 * a contact.
 */
final class WorkspaceMail {
    private final List<WorkspaceEnvironment.Contact> contacts = new ArrayList<>();

    WorkspaceMail(WorkspaceEnvironment seed) {
        Map<String, WorkspaceEnvironment.Contact> byAddress = new LinkedHashMap<>();
        for (WorkspaceEnvironment.Contact c : seed.inbox.contacts) {
            byAddress.putIfAbsent(c.email.toLowerCase(Locale.ROOT), c);
        }
        for (Email e : seed.inbox.emails) {
            List<String> all = new ArrayList<>(e.recipients);
            all.add(e.sender);
            all.addAll(e.cc);
            all.addAll(e.bcc);
            for (String a : all) {
                if (a != null && !a.isBlank()) {
                    byAddress.computeIfAbsent(a.toLowerCase(Locale.ROOT), k -> contact(a));
                }
            }
        }
        contacts.addAll(byAddress.values());
    }

    private static WorkspaceEnvironment.Contact contact(String address) {
        WorkspaceEnvironment.Contact c = new WorkspaceEnvironment.Contact();
        c.email = address;
        StringBuilder name = new StringBuilder();
        for (String part : address.substring(0, Math.max(0, address.indexOf('@'))).split("\\.")) {
            if (!part.isEmpty()) {
                name.append(name.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1));
            }
        }
        c.name = name.toString();
        return c;
    }

    String contacts(String query, boolean byName) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        return WorkspaceViews.json(contacts.stream()
                .filter(c -> (byName ? c.name : c.email).toLowerCase(Locale.ROOT).contains(q)).toList());
    }

    /** Sends as the account; the sent item is the assistant's writing, never the user's own words. */
    String send(WorkspaceEnvironment env, List<String> recipients, String subject, String body,
            List<Attachment> attachments, List<String> cc, List<String> bcc) {
        List<Object> parsed = new ArrayList<>();
        for (Attachment a : attachments == null ? List.<Attachment>of() : attachments) {
            if (a == null || a.type == null) {
                return "refused: an attachment needs a type (file or event)";
            }
            if ("file".equals(a.type) || a.file_id != null) {
                if (a.file_id == null || WorkspaceDrive.find(env, a.file_id) == null) {
                    return "refused: an attachment of type file needs the file_id of a file in the drive";
                }
                parsed.add(a.file_id);
            } else if (a.event_details != null) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("title", a.event_details.title);
                details.put("description", a.event_details.description);
                details.put("start_time", a.event_details.start_time);
                details.put("end_time", a.event_details.end_time);
                details.put("location", a.event_details.location);
                details.put("participants", a.event_details.participants);
                parsed.add(details);
            } else {
                return "refused: an attachment of type event needs event_details";
            }
        }
        Email e = deliver(env, recipients == null ? List.of() : recipients, subject, body, parsed);
        e.cc = cc == null ? new ArrayList<>() : new ArrayList<>(cc);
        e.bcc = bcc == null ? new ArrayList<>() : new ArrayList<>(bcc);
        return WorkspaceViews.json(WorkspaceViews.email(env, e));
    }

    /** An e-mail from the account (also the calendar's invitations and notices). */
    Email deliver(WorkspaceEnvironment env, List<String> recipients, String subject, String body,
            List<Object> attachments) {
        Email e = new Email();
        e.id = env.nextEmailId();
        e.sender = env.account();
        e.recipients = new ArrayList<>(recipients);
        e.subject = subject == null ? "" : subject;
        e.body = body == null ? "" : body;
        e.status = "sent";
        e.read = true;
        e.timestamp = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        e.attachments = new ArrayList<>(attachments);
        e.origin = "assistant";
        env.inbox.emails.add(e);
        return e;
    }

    String delete(WorkspaceEnvironment env, String id) {
        for (Email e : env.inbox.emails) {
            if (e.id.equals(id)) {
                env.inbox.emails.remove(e);
                env.inbox.trash.put(e.id, e);
                return WorkspaceViews.json(WorkspaceViews.email(env, e));
            }
        }
        return "no email with id " + id;
    }

    String unread(WorkspaceEnvironment env) {
        List<Email> out = env.inbox.emails.stream().filter(e -> !e.read).toList();
        String rendered = WorkspaceViews.emails(env, out);
        out.forEach(e -> e.read = true);
        return rendered;
    }

    String byStatus(WorkspaceEnvironment env, String status) {
        return WorkspaceViews.emails(env, env.inbox.emails.stream().filter(e -> status.equals(e.status)).toList());
    }

    String search(WorkspaceEnvironment env, String query, String sender) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        return WorkspaceViews.emails(env, env.inbox.emails.stream()
                .filter(e -> sender == null || sender.isBlank() || WorkspaceEnvironment.same(e.sender, sender))
                .filter(e -> e.subject.toLowerCase(Locale.ROOT).contains(q)
                        || e.body.toLowerCase(Locale.ROOT).contains(q)).toList());
    }
}
