package dev.warden.quarkus.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who hears a notice: every webhook that takes its event, and — when mail is on and takes the event — the addresses
 * of the roles the notice is for (an approval naming no role goes to the {@code any-approver} addresses). A
 * confirmation is the requester's own business: it is never mailed to approvers.
 *
 * @param webhooks webhook name → events it takes (empty: all)
 * @param mailEvents events mailed (empty: all); {@code null} when mail is off
 * @param roleAddresses addresses by role
 * @param anyApprover addresses for approvals that name no role
 */
record Routes(Map<String, Set<ApprovalNotice.Event>> webhooks, Set<ApprovalNotice.Event> mailEvents,
        Map<String, List<String>> roleAddresses, List<String> anyApprover) {

    List<Delivery> of(ApprovalNotice n) {
        List<Delivery> out = new ArrayList<>();
        webhooks.forEach((name, events) -> {
            if (events.isEmpty() || events.contains(n.event())) {
                out.add(Delivery.of(n, Delivery.WEBHOOK_PREFIX + name, List.of()));
            }
        });
        if (mailEvents != null && (mailEvents.isEmpty() || mailEvents.contains(n.event()))
                && !"CONFIRMATION".equals(n.kind())) {
            Set<String> to = new LinkedHashSet<>();
            if (n.notifiedRoles().isEmpty()) {
                to.addAll(anyApprover);
            }
            for (String role : n.notifiedRoles()) {
                to.addAll(roleAddresses.getOrDefault(role, List.of()));
            }
            if (!to.isEmpty()) {
                out.add(Delivery.of(n, Delivery.MAIL, List.copyOf(to)));
            }
        }
        return out;
    }
}
