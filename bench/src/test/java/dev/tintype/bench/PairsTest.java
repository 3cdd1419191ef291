package dev.tintype.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairsTest {
  @Test
  void aRowIsJudgedByTheMedianOfItsPairsRatiosNotByTheirTimes() {
    // Medians of the times would give 4.0 / 2.0 = 2.0; the pairs say 1.0, 3.0 and 4.0.
    Pairs p = new Pairs().add(2.0, 2.0).add(6.0, 2.0).add(4.0, 1.0);

    assertThat(p.ratio()).isEqualTo(3.0);
    assertThat(p.ratios()).isEqualTo("3.00× (1.00–4.00× over 3 pairs)");
    assertThat(p.tintype()).isEqualTo("4.00 s (2.00, 6.00, 4.00 s)");
    assertThat(p.reference()).isEqualTo("2.00 s (2.00, 2.00, 1.00 s)");
  }

  @Test
  void anEvenCountTakesTheLowerMiddleAndOnePairShowsJustItself() {
    assertThat(new Pairs().add(1.0, 1.0).add(3.0, 1.0).ratio()).isEqualTo(1.0);
    Pairs one = new Pairs().add(3.0, 1.5);
    assertThat(one.ratios()).isEqualTo("2.00×");
    assertThat(one.tintype()).isEqualTo("3.00 s");
  }

  @Test
  void aPairWithoutATimeIsRefusedAndNoPairsHaveNoRatio() {
    assertThatThrownBy(() -> new Pairs().add(0.0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two positive times");
    assertThatThrownBy(() -> new Pairs().ratio()).isInstanceOf(IllegalStateException.class);
  }
}
