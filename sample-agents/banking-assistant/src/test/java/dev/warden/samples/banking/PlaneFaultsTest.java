package dev.warden.samples.banking;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Part of the issue 14 fault suite: a plane that throws or overruns its time budget at {@code send_money} blocks the
 * transfer — the 900 EUR one that would wait for a manager and the 50 EUR one that would run — and the run says why
 * (the plane's failure code and reason, also in the audit trail).
 */
@QuarkusTest
@TestProfile(PlaneFaultsTest.Faults.class)
class PlaneFaultsTest {
    static final String PROFILE = "plane-faults";
    /** A new payee: 900 EUR to it waits for a manager. */
    static final String PAYEE = "FR1420041010050500013M02606";
    /** A known payee the user names: 50 EUR to it runs once the user confirms the payee they typed. */
    static final String KNOWN = "DE02500105170137075030";

    /** Adds {@link FaultInjectionPlane} (build profile {@value #PROFILE}). */
    public static final class Faults implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test," + PROFILE;
        }
    }

    @Inject
    BankingAssistant bank;

    @AfterEach
    void heal() {
        FaultInjectionPlane.fault = FaultInjectionPlane.Fault.NONE;
    }

    private long transfersTo(String iban) {
        return bank.environment().transactions.stream().filter(t -> iban.equals(t.recipient)).count();
    }

    private void assertBlocked(String amount, String iban, String code, String reason) {
        long before = transfersTo(iban);
        JsonPath run = BankingAssistantTest.ask("alice", "Send " + amount + " EUR to " + iban).then().statusCode(200)
                .extract().jsonPath();
        assertThat(run.getString("status")).isNotEqualTo("AWAITING_APPROVAL");
        List<String> decisions = run.getList("decisions.findAll { it.tool == 'send_money' }.decision");
        assertThat(decisions).isNotEmpty().allMatch(d -> d.equals("ERROR") || d.equals("DENY"));
        assertThat(run.getList("decisions.findAll { it.tool == 'send_money' }.code", String.class)).contains(code);
        assertThat(run.getList("decisions.findAll { it.tool == 'send_money' }.reason", String.class))
                .anyMatch(r -> r.contains(reason));
        assertThat(transfersTo(iban)).as("never executed").isEqualTo(before);
    }

    @Test
    void a_plane_that_throws_blocks_a_transfer_that_needs_approval() {
        FaultInjectionPlane.fault = FaultInjectionPlane.Fault.THROW;
        assertBlocked("900", PAYEE, "WARDEN-CORE-0002", "fault-injection");
    }

    @Test
    void a_plane_that_throws_blocks_a_transfer_that_would_run() {
        FaultInjectionPlane.fault = FaultInjectionPlane.Fault.THROW;
        assertBlocked("50", KNOWN, "WARDEN-CORE-0002", "fault-injection");
    }

    @Test
    void a_plane_that_times_out_blocks_a_transfer_that_needs_approval() {
        FaultInjectionPlane.fault = FaultInjectionPlane.Fault.SLOW;
        assertBlocked("900", PAYEE, "WARDEN-CORE-0003", "time budget");
    }

    @Test
    void a_plane_that_times_out_blocks_a_transfer_that_would_run() {
        FaultInjectionPlane.fault = FaultInjectionPlane.Fault.SLOW;
        assertBlocked("50", KNOWN, "WARDEN-CORE-0003", "time budget");
    }

    @Test
    void the_healthy_plane_lets_the_small_transfer_run() {
        long before = transfersTo(KNOWN);
        // a known payee (the customer's records): no confirmation, and the healthy fault plane lets it through
        BankingAssistantTest.ask("alice", "Send 50 EUR to " + KNOWN).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
        assertThat(transfersTo(KNOWN)).isEqualTo(before + 1);
    }
}
