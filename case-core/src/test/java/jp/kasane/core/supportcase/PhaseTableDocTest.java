package jp.kasane.core.supportcase;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/phases.md shows the phase table; {@link CaseAction} is the phase table. This test keeps them one: every action
 * is a row, and its ticks are exactly the phases the action is allowed in, in the order of {@link Phase}.
 */
class PhaseTableDocTest {

    static final Path DOC = Path.of("..", "docs", "phases.md");

    @Test
    void the_documented_table_is_the_table_the_code_applies() throws IOException {
        Map<CaseAction, Set<Phase>> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList();
            CaseAction action = CaseAction.valueOf(cells.get(1).replace("`", ""));
            Set<Phase> allowed = EnumSet.noneOf(Phase.class);
            for (Phase phase : Phase.values()) {
                String tick = cells.get(2 + phase.ordinal());
                assertThat(tick).as("%s in %s", action, phase).isIn("✓", "·");
                if (tick.equals("✓")) {
                    allowed.add(phase);
                }
            }
            documented.put(action, allowed);
        }

        assertThat(documented.keySet()).as("every action has a row").containsExactlyInAnyOrder(CaseAction.values());
        for (CaseAction action : CaseAction.values()) {
            assertThat(documented.get(action)).as(action.name()).isEqualTo(action.allowedPhases());
        }
    }

    @Test
    void support_continues_after_an_evaluation() {
        // The row docs/phases.md calls "Continuing support": evaluate, revise, support again.
        for (CaseAction action : List.of(CaseAction.ADOPT_PLAN, CaseAction.RECORD_MONITORING,
                CaseAction.APPROVE_PARTICIPATION_SUPPORT, CaseAction.REQUEST_REFERRAL, CaseAction.EVALUATE)) {
            assertThat(action.allowedIn(Phase.EVALUATION)).as(action.name()).isTrue();
        }
        assertThat(CaseAction.CLOSE_BY_MEETING.allowedPhases()).containsExactly(Phase.EVALUATION);
    }
}
