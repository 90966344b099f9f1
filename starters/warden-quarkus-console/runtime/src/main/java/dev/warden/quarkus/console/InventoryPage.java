package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryConfig;
import dev.warden.quarkus.inventory.runtime.AccessMap;
import dev.warden.spi.AuditSink;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory: agents, their tools (effects, risk, labels) and the policies serving, from {@link ConsoleInventory};
 * the kill switch shown to {@code warden.console.kill-switch-role}, and carried out only for whom the inventory's API
 * would ({@code InventoryAccess}: a security officer; an owner may suspend their own agent). Policy sets are shown to auditors and the kill-switch
 * role only, as the API's policy status is.
 */
@Singleton
@Blocking // pages read the caller's identity, which lazy authentication resolves off the IO thread
@Path("/warden/inventory")
public class InventoryPage {
    static final Set<String> TARGETS = Set.of("agent", "tool");
    static final int MAX_REASON = 500;

    @Inject
    ConsolePages pages;
    @Inject
    ConsoleInventory inventory;
    @Inject
    ConsoleConfig config;
    @Inject
    InventoryConfig inventoryConfig;
    @Inject
    Instance<AuditSink> audit;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show() {
        return pages.page(() -> pages.ok("inventory", "Inventory", data(pages.caller(), null)));
    }

    @POST
    @Path("suspensions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response killSwitch(@FormParam("_csrf") List<String> csrf, @FormParam("action") List<String> actions,
            @FormParam("target") List<String> targets, @FormParam("id") List<String> ids,
            @FormParam("reason") List<String> reasons) {
        return pages.page(() -> {
            Principal caller = pages.caller();
            pages.checkCsrf(FormFields.one(csrf, "_csrf"));
            String action = FormFields.one(actions, "action");
            String target = FormFields.one(targets, "target");
            String id = FormFields.one(ids, "id");
            String reason = FormFields.one(reasons, "reason");
            if (!caller.hasRole(config.killSwitchRole())) {
                throw new ApiProblem(403, ConsoleCodes.KILL_SWITCH_FORBIDDEN, "the kill switch needs the '"
                        + config.killSwitchRole() + "' role");
            }
            if (target == null || !TARGETS.contains(target) || id == null || id.isBlank()
                    || (reason != null && reason.length() > MAX_REASON)) {
                throw new ApiProblem(400, ConsoleCodes.BAD_FORM, "target must be agent or tool, with an id and a "
                        + "reason of at most " + MAX_REASON + " characters");
            }
            ConsoleInventory.Result result = "resume".equals(action)
                    ? inventory.resume(caller, target, id.trim())
                    : inventory.suspend(caller, target, id.trim(), reason == null ? "" : reason.strip());
            int status = result.done() ? 200
                    : ConsoleCodes.INVENTORY_NOT_INSTALLED.equals(result.code()) ? 501
                    : InventoryCodes.FORBIDDEN.equals(result.code()) ? 403 : 409;
            return Response.status(status).entity(pages.html("inventory", "Inventory", data(caller, result)))
                    .type(ConsolePages.HTML).build();
        });
    }

    /**
     * What each agent actually did in the last seven days, from the audit trail of the caller's tenant (the same fold
     * as {@code GET /v1/inventory/agents/{id}/access}); empty when the inventory is off or the trail cannot be queried.
     */
    private List<AccessMap.View> accessMaps(Principal caller, List<ConsoleInventory.Agent> agents) {
        if (!inventoryConfig.enabled() || !audit.isResolvable()) {
            return List.of();
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(7));
        List<AccessMap.View> out = new ArrayList<>();
        try {
            for (ConsoleInventory.Agent a : agents) {
                out.add(AccessMap.of(audit.get(), caller.tenant(), a.id(), from, to));
            }
        } catch (RuntimeException e) {
            return List.of(); // a trail without queries, or unreadable: the page shows the rest
        }
        return out;
    }

    private Map<String, Object> data(Principal caller, ConsoleInventory.Result result) {
        Map<String, Object> data = new HashMap<>();
        boolean mayKill = caller.hasRole(config.killSwitchRole());
        data.put("source", inventory.source());
        List<ConsoleInventory.Agent> agents = inventory.agents(caller);
        data.put("agents", agents);
        data.put("accessMaps", caller.hasRole(RunPage.AUDITOR) || mayKill ? accessMaps(caller, agents) : List.of());
        data.put("policies", caller.hasRole(RunPage.AUDITOR) || mayKill ? inventory.policies(caller) : List.of());
        data.put("policiesHidden", !(caller.hasRole(RunPage.AUDITOR) || mayKill));
        data.put("mayKill", mayKill);
        data.put("installed", inventory.killSwitchInstalled());
        data.put("killSwitchRole", config.killSwitchRole());
        data.put("result", result);
        return data;
    }
}
