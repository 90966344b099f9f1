package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.Callers;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.SuspensionTarget;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Who may see and do what in the inventory. {@value #SECURITY_OFFICER} sees everything and flips and lifts kill
 * switches; {@value #AUDITOR} sees everything and changes nothing; an agent's owner (the caller whose id is the
 * agent's {@code owner}) sees that agent, its access map, and may suspend it — but only a security officer lifts a
 * suspension.
 */
@Singleton
public class InventoryAccess {
    public static final String SECURITY_OFFICER = "security-officer";
    public static final String AUDITOR = "auditor";

    private final Callers callers;
    private final boolean enabled;

    InventoryAccess(Callers callers, dev.warden.quarkus.inventory.InventoryConfig config) {
        this.callers = callers;
        this.enabled = config.enabled();
    }

    /** The caller; 404 {@code WARDEN-INV-0617} first when the inventory is off. */
    public Principal caller(SecurityIdentity identity) {
        if (!enabled) {
            throw new ApiProblem(404, InventoryCodes.DISABLED, "the inventory is off in this service "
                    + "(warden.inventory.enabled=false)");
        }
        return callers.principal(identity);
    }

    public static boolean seesAll(Principal p) {
        return p.hasRole(SECURITY_OFFICER) || p.hasRole(AUDITOR);
    }

    /**
     * Whether {@code p} may lift a suspension: a security officer only (an owner may suspend their agent, never
     * resume it). The REST API and the console's kill switch both ask this.
     */
    public static boolean mayLift(Principal p) {
        return p.hasRole(SECURITY_OFFICER);
    }

    /**
     * Whether {@code p} may suspend {@code target}: a security officer anything, an agent's owner that agent
     * ({@code ownsAgent}: whether {@code p} is the owner of the agent suspended). The REST API and the console's kill
     * switch both ask this.
     */
    public static boolean maySuspend(Principal p, SuspensionTarget target, boolean ownsAgent) {
        return p.hasRole(SECURITY_OFFICER) || (target == SuspensionTarget.AGENT && ownsAgent);
    }

    public static boolean owns(Principal p, List<Agent> entries) {
        return entries.stream().anyMatch(a -> p.id().equals(a.owner()));
    }

    static Principal requireSeesAll(Principal p, String what) {
        if (!seesAll(p)) {
            throw forbidden(what + " needs the '" + SECURITY_OFFICER + "' or '" + AUDITOR + "' role");
        }
        return p;
    }

    static Principal requireOfficer(Principal p, String what) {
        if (!mayLift(p)) {
            throw forbidden(what + " needs the '" + SECURITY_OFFICER + "' role");
        }
        return p;
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, InventoryCodes.FORBIDDEN, detail);
    }
}
