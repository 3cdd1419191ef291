package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlansTest {
  @Test
  void theNamesKeptAfterPlanningAnswerAsTheSetTheyCameFrom() {
    Set<String> from = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      from.add("proj-" + (i * 7919 % 1_000));
    }
    Set<String> names = new Plans.SortedNames(from);

    assertThat(names).isEqualTo(from).hasSize(1_000);
    assertThat(new ArrayList<>(names)).isSorted();
    assertThat(names.contains("proj-999")).isTrue();
    assertThat(names.contains("proj-1000")).isFalse();
    assertThat(names.contains(42)).isFalse();
  }
}
