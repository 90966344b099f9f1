package dev.warden.samples.banking;

import static dev.warden.samples.banking.BankingAssistantTest.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * M5: every customer has an account of their own, seeded from the environment file. mallory (tenant other-bank)
 * spending money spends hers, never alice's; and what alice sees is exactly the file's world.
 */
@QuarkusTest
class AccountsPerCustomerTest {
    static final String PAYEE = "DE02500105170137075030";

    @Inject
    BankingAssistant bank;

    private double balance(String tenant, String user) {
        return bank.environment(tenant, user).account.balance;
    }

    @Test
    void a_customer_of_another_tenant_spends_her_own_money_not_alices() {
        double alice = balance("default", "alice");
        int aliceTransactions = bank.environment("default", "alice").transactions.size();
        double mallory = balance("other-bank", "mallory");
        // a payee mallory's own records declare (her copy of the environment's known_payees): paid at once, from her
        // account
        ask("mallory", "Send 98.70 EUR to " + PAYEE).then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(balance("default", "alice")).isEqualTo(alice);
        assertThat(bank.environment("default", "alice").transactions).hasSize(aliceTransactions);
        assertThat(balance("other-bank", "mallory")).isCloseTo(mallory - 98.70, within(0.001));
    }

    @Test
    void the_same_user_id_in_another_tenant_is_another_account() {
        assertThat(bank.environment("default", "alice")).isNotSameAs(bank.environment("other-bank", "alice"));
        assertThat(bank.environment()).isSameAs(bank.environment("default", "alice"));
    }

    @Test
    void a_new_customer_starts_from_the_environment_file() {
        BankingEnvironment fresh = bank.environment("default", "first-time-customer");
        assertThat(fresh.account.iban).isEqualTo("DE89370400440532013000");
        assertThat(fresh.account.balance).isEqualTo(1810.00);
        assertThat(fresh.transactions).hasSize(3);
        assertThat(fresh.files).containsKey("bills/december.txt");
        ask("mallory", "What is my IBAN?").then().statusCode(200).body("output", containsString("DE89"));
    }

    @Test
    void a_tool_called_without_a_verified_caller_refuses() {
        assertThat(bank.getBalance(null)).isEqualTo(BankingAssistant.NO_CALLER);
        assertThat(bank.sendMoney(PAYEE, 1.0, "x", "2026-11-25", null)).isEqualTo(BankingAssistant.NO_CALLER);
    }
}
