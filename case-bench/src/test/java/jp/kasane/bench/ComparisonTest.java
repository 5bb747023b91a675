package jp.kasane.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {

    @Test
    void eachJarIsTheMeanOfItsOwnRunsWhateverTheirPlaceInTheOrder() {
        Comparison c = new Comparison("a.jar", "b.jar");
        c.add('A', Map.of("consultation / consultation: rate /s", 180.0));
        c.add('B', Map.of("consultation / consultation: rate /s", 230.0));
        c.add('B', Map.of("consultation / consultation: rate /s", 250.0));
        c.add('A', Map.of("consultation / consultation: rate /s", 220.0));

        assertThat(c.render()).contains(
                "| consultation / consultation: rate /s | 180 | 230 | 250 | 220 | 200 | 240 | +20 % | yes |");
    }

    @Test
    void aFigureOneRunLacksIsAveragedOverTheRunsThatHaveIt() {
        Comparison c = new Comparison("a.jar", "b.jar");
        c.add('A', Map.of("rebuild: events/s", 2000.0));
        c.add('B', Map.of());
        c.add('B', Map.of("rebuild: events/s", 3000.0));
        c.add('A', Map.of("rebuild: events/s", 2000.0));

        assertThat(c.render()).contains("| rebuild: events/s | 2,000 |  | 3,000 | 2,000 | 2,000 | 3,000 | +50 % | yes |");
    }

    @Test
    void runsThatOverlapAreNotApartWhateverTheMeans() {
        Comparison c = new Comparison("a.jar", "b.jar");
        double[] a = {200, 240, 210, 230};
        double[] b = {260, 235, 270, 280};
        for (int i = 0; i < 4; i++) {
            c.add('A', Map.of("open / open: rate /s", a[i], "open: errors", 0.0));
            c.add('B', Map.of("open / open: rate /s", b[i], "open: errors", 0.0));
        }

        assertThat(c.render())
                .contains("| 220 | 261 | +19 % | no |")
                .contains("| open: errors | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |  |");
    }

    @Test
    void noChangeIsShownAgainstZero() {
        assertThat(Comparison.change(0, 3)).isEmpty();
        assertThat(Comparison.change(4, 3)).isEqualTo("-25 %");
    }
}
