package dev.warden.quarkus.delegation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.test.ExtensionShapeTest;
import org.junit.jupiter.api.Test;

/** warden-quarkus-delegation is a Quarkus extension: its runtime jar names this deployment module, which adds its feature, and makes the delegation wire records reflective for a native image. */
class WardenDelegationExtensionTest extends ExtensionShapeTest {
    WardenDelegationExtensionTest() {
        super("warden-quarkus-delegation", "warden-delegation", () -> new WardenDelegationProcessor().feature());
    }

    @Test
    void the_delegation_wire_records_are_reflective() {
        assertThat(new WardenDelegationProcessor().wireRecords().getClassNames())
                .contains("dev.warden.delegation.remote.DelegationWire$Call",
                        "dev.warden.delegation.remote.DelegationWire$Reply");
    }
}
