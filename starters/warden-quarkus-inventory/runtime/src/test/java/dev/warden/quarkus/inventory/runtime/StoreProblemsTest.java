package dev.warden.quarkus.inventory.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.inventory.InventoryCodes;
import org.junit.jupiter.api.Test;

/** A store that cannot be read is a 503 with its code; the exception stays in the log (decision 0056). */
class StoreProblemsTest {
    @Test
    void an_unreadable_store_is_a_503_that_names_no_exception_and_no_address() {
        ApiProblem p = (ApiProblem) InventoryResource.unavailable(
                new java.sql.SQLTransientConnectionException("connect to db.internal:5432 refused"));

        assertThat(p.status()).isEqualTo(503);
        assertThat(p.code()).isEqualTo(InventoryCodes.STORE_UNAVAILABLE);
        assertThat(p.getMessage()).doesNotContain("SQL", "Exception", "db.internal");
    }
}
