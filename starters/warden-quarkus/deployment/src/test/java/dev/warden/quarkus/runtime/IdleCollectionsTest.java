package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.runtime.IdleCollections.Next;
import org.junit.jupiter.api.Test;

/** What follows each collection (decision 0064): one compaction per idle period, a trim after every idle collection. */
class IdleCollectionsTest {
    static final String YOUNG = "G1 Evacuation Pause";

    @Test
    void the_first_idle_collection_after_activity_compacts_and_later_ones_only_trim() {
        IdleCollections idle = new IdleCollections(true, true);
        assertThat(idle.after(YOUNG)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.COMPACT);
        assertThat(idle.after(IdleCollections.EXPLICIT_CAUSE)).isEqualTo(Next.NOTHING); // the compaction itself
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.TRIM);
    }

    @Test
    void activity_between_idle_periods_compacts_again() {
        IdleCollections idle = new IdleCollections(true, true);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.COMPACT); // garbage of the start
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.TRIM);
        assertThat(idle.after("G1 Humongous Allocation")).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.COMPACT);
    }

    @Test
    void a_collection_the_application_asked_for_is_not_activity() {
        IdleCollections idle = new IdleCollections(true, false);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.COMPACT);
        assertThat(idle.after(IdleCollections.EXPLICIT_CAUSE)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.NOTHING); // trimming off
    }

    @Test
    void without_compaction_every_idle_collection_only_trims_and_busy_ones_do_nothing() {
        IdleCollections idle = new IdleCollections(false, true);
        assertThat(idle.after(YOUNG)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.TRIM);
        assertThat(idle.after(YOUNG)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IdleCollections.PERIODIC_CAUSE)).isEqualTo(Next.TRIM);
    }
}
