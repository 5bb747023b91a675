package jp.kasane.core.supportcase;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases kept by recency, bounded in cases and in events; the LoadedCases and CaseFolds tests cover their use. */
class RecentCasesTest {

    @Test
    void at_most_so_many_cases_the_least_recently_used_going_first() {
        RecentCases<String> recent = new RecentCases<>(2, 1_000);
        recent.keep("a", "a0", 0);
        recent.keep("b", "b0", 0);
        assertThat(recent.take("a").value()).isEqualTo("a0");
        recent.keep("a", "a1", 1); // used again: now the most recent
        recent.keep("c", "c0", 0);
        assertThat(recent.contains("b")).isFalse();
        assertThat(recent.contains("a")).isTrue();
        assertThat(recent.contains("c")).isTrue();
        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.events()).isEqualTo(2 + 1);
    }

    @Test
    void a_case_kept_at_a_later_sequence_stays_and_an_earlier_one_is_not_kept_over_it() {
        RecentCases<String> recent = new RecentCases<>(10, 1_000);
        recent.keep("a", "at 7", 7);
        recent.keep("a", "at 5", 5); // a request that committed earlier, finishing later
        RecentCases.Kept<String> kept = recent.take("a");
        assertThat(kept.value()).isEqualTo("at 7");
        assertThat(kept.sequence()).isEqualTo(7);
        assertThat(recent.events()).isZero();
    }

    @Test
    void zero_in_either_bound_keeps_nothing() {
        for (RecentCases<String> none : java.util.List.of(new RecentCases<String>(0, 1_000), new RecentCases<String>(10, 0))) {
            assertThat(none.keepsAny()).isFalse();
            none.keep("a", "a0", 0);
            assertThat(none.contains("a")).isFalse();
            assertThat(none.events()).isZero();
        }
    }
}
