package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.quarkus.runtime.IdleCollections.Next;
import org.junit.jupiter.api.Test;

/**
 * What follows each collection (decision 0064): a compaction when an idle collection finds the heap grown since the
 * last one, a trim after the other idle collections, nothing after the collections of a busy service.
 */
class IdleCollectionsTest {
    static final String YOUNG = "G1 Evacuation Pause";
    static final String IDLE = IdleCollections.PERIODIC_CAUSE;
    static final long MIB = 1 << 20;

    @Test
    void the_first_idle_collection_compacts_and_later_ones_at_the_same_size_only_trim() {
        IdleCollections idle = new IdleCollections(true, true);
        assertThat(idle.after(YOUNG, 300 * MIB)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IDLE, 300 * MIB)).isEqualTo(Next.COMPACT);
        idle.compacted(48 * MIB);
        assertThat(idle.after(IDLE, 52 * MIB)).isEqualTo(Next.TRIM);
        // a periodic cycle causes a small young collection of its own: not a reason to compact again
        assertThat(idle.after(YOUNG, 52 * MIB)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IDLE, 52 * MIB)).isEqualTo(Next.TRIM);
    }

    @Test
    void a_heap_grown_by_more_than_a_quarter_since_the_last_compaction_is_compacted_again() {
        IdleCollections idle = new IdleCollections(true, true);
        assertThat(idle.after(IDLE, 100 * MIB)).isEqualTo(Next.COMPACT);
        idle.compacted(40 * MIB);
        assertThat(idle.after(IDLE, 50 * MIB)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IDLE, 63 * MIB)).isEqualTo(Next.COMPACT);
    }

    @Test
    void an_idle_heap_that_grows_by_a_few_regions_after_a_tight_compaction_is_not_compacted_at_every_interval() {
        // seen in the GC log (decision 0071): compacted to 36 MiB, the periodic cycles' own young collections grew it
        // to 44 and 52 MiB, and each growth past a quarter compacted again: a full pause every 30-60 s while idle
        IdleCollections idle = new IdleCollections(true, true);
        assertThat(idle.after(IDLE, 2336 * MIB)).isEqualTo(Next.COMPACT);
        idle.compacted(36 * MIB);
        assertThat(idle.after(IDLE, 44 * MIB)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IDLE, 52 * MIB)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IDLE, 48 * MIB)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IDLE, 60 * MIB)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IDLE, 400 * MIB)).isEqualTo(Next.COMPACT); // the next burst
    }

    @Test
    void nothing_else_starts_while_a_compaction_runs() {
        IdleCollections idle = new IdleCollections(true, true);
        assertThat(idle.after(IDLE, 300 * MIB)).isEqualTo(Next.COMPACT);
        assertThat(idle.after(IDLE, 300 * MIB)).isEqualTo(Next.NOTHING);
        idle.compacted(48 * MIB);
        assertThat(idle.after(IDLE, 48 * MIB)).isEqualTo(Next.TRIM);
    }

    @Test
    void without_compaction_every_idle_collection_trims_and_busy_ones_do_nothing() {
        IdleCollections idle = new IdleCollections(false, true);
        assertThat(idle.after(YOUNG, 300 * MIB)).isEqualTo(Next.NOTHING);
        assertThat(idle.after(IDLE, 300 * MIB)).isEqualTo(Next.TRIM);
        assertThat(idle.after(IDLE, 300 * MIB)).isEqualTo(Next.TRIM);
        assertThat(new IdleCollections(true, false).after(IDLE, 300 * MIB)).isEqualTo(Next.COMPACT);
        assertThat(new IdleCollections(false, false).after(IDLE, 300 * MIB)).isEqualTo(Next.NOTHING);
    }
}
