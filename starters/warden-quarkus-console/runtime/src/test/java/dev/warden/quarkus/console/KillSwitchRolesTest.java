package dev.warden.quarkus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Principal;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryConfig;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * The console's kill switch decides who may suspend and resume exactly as {@code /v1/inventory/suspensions} does
 * (one definition, {@code InventoryAccess}): only a security officer lifts a suspension, whatever
 * {@code warden.console.kill-switch-role} names — that key only chooses who is shown the switch.
 */
class KillSwitchRolesTest {
    /** The inventory on, and no store: a caller who gets past the role check finds the store unavailable. */
    final InventoryConsoleInventory console = new InventoryConsoleInventory();

    KillSwitchRolesTest() {
        console.config = (InventoryConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InventoryConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> true;
                    case "store" -> "memory";
                    default -> null;
                });
    }

    @Test
    void the_kill_switch_role_alone_does_not_lift_a_suspension() {
        // warden.console.kill-switch-role=ops: an operator is shown the switch, but the API lifts for officers only
        Principal ops = Principal.of("otto", "ops");

        ConsoleInventory.Result r = console.resume(ops, "agent", "banking-assistant");

        assertThat(r.done()).isFalse();
        assertThat(r.code()).isEqualTo(InventoryCodes.FORBIDDEN);
        assertThat(r.message()).contains("security-officer");
    }

    @Test
    void the_kill_switch_role_alone_does_not_suspend_a_tool() {
        ConsoleInventory.Result r = console.suspend(Principal.of("otto", "ops"), "tool", "send_money", "looks odd");

        assertThat(r.code()).isEqualTo(InventoryCodes.FORBIDDEN);
    }

    @Test
    void a_security_officer_gets_past_the_role_check() {
        ConsoleInventory.Result r = console.resume(Principal.of("sam", "security-officer"), "agent",
                "banking-assistant");

        // no store here: the officer reaches it, and the suspension stays in force because it is unavailable
        assertThat(r.code()).isNotEqualTo(InventoryCodes.FORBIDDEN).isEqualTo(InventoryCodes.AUDIT_UNAVAILABLE);
    }
}
