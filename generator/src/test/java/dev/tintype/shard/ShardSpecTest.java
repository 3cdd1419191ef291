package dev.tintype.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardSpecTest {
  @Test
  void parsesIndexSlashCountCountingFromZero() {
    assertThat(ShardSpec.parse("0/8")).isEqualTo(new ShardSpec(0, 8));
    assertThat(ShardSpec.parse("7/8").toString()).isEqualTo("7/8");
  }

  @Test
  void refusesShardsOutsideTheCountNamingThem() {
    assertThatThrownBy(() -> ShardSpec.parse("8/8")).hasMessageContaining("8 is outside 0..7");
    assertThatThrownBy(() -> ShardSpec.parse("-1/8")).hasMessageContaining("'-1/8'");
    assertThatThrownBy(() -> ShardSpec.parse("1/0")).hasMessageContaining("count");
    assertThatThrownBy(() -> ShardSpec.parse("3")).hasMessageContaining("INDEX/COUNT");
  }

  @Test
  void everyNameBelongsToExactlyOneShard() {
    int[] perShard = new int[8];
    for (int i = 0; i < 1000; i++) {
      int owners = 0;
      for (int s = 0; s < 8; s++) {
        if (new ShardSpec(s, 8).owns("pkg" + i)) {
          owners++;
          perShard[s]++;
        }
      }
      assertThat(owners).as("pkg" + i).isEqualTo(1);
    }
    // A hash spreads them: no shard is empty or holds twice its share.
    assertThat(java.util.Arrays.stream(perShard).boxed().toList())
        .allSatisfy(c -> assertThat(c).isBetween(60, 250));
  }

  @Test
  void theSplitIsTheFirstEightBytesOfTheNamesSha256ModuloTheCount() {
    // Shards of one run may run different builds: the split must never change. Computed with
    // python3: int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], 'big') % count.
    assertThat(ShardSpec.shardOf("ggplot2", 8)).isEqualTo(1);
    assertThat(ShardSpec.shardOf("dplyr", 8)).isEqualTo(2);
    assertThat(ShardSpec.shardOf("requests", 1000)).isEqualTo(782);
  }
}
