package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SerialTableTest {
  @Test
  void aListedProjectIsFoundByItsNormalizedNameAndOthersAreNot() {
    SerialTable.Builder b = new SerialTable.Builder();
    for (int i = 0; i < 5000; i++) {
      b.add("Proj_" + i, i);
    }
    b.add("no-serial", -1);
    SerialTable t = b.build();
    for (int i = 0; i < 5000; i++) {
      assertThat(t.get("proj-" + i)).isEqualTo((long) i);
    }
    assertThat(t.get("proj-5000")).isNull();
    assertThat(t.get("no-serial")).isNull();
    assertThat(t.isEmpty()).isFalse();
    assertThat(SerialTable.EMPTY.get("proj-1")).isNull();
  }

  @Test
  void aNameListedTwiceIsTreatedAsUnlistedSoItsPageIsRead() {
    SerialTable.Builder b = new SerialTable.Builder();
    b.add("twice", 1);
    b.add("Twice", 2);
    b.add("once", 3);
    SerialTable t = b.build();
    assertThat(t.get("twice")).isNull();
    assertThat(t.get("once")).isEqualTo(3L);
    assertThat(SerialTable.of(Map.of("a.b", 4L)).get("a-b")).isEqualTo(4L);
  }
}
