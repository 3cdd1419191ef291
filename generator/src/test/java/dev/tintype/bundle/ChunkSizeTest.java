package dev.tintype.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkSizeTest {
  @Test
  void suffixesArePowersOf1024AndPlainNumbersAreBytes() {
    assertThat(ChunkSize.parse("4G")).isEqualTo(4L << 30);
    assertThat(ChunkSize.parse("700M")).isEqualTo(700L << 20);
    assertThat(ChunkSize.parse("700MiB")).isEqualTo(700L << 20);
    assertThat(ChunkSize.parse("64k")).isEqualTo(64L << 10);
    assertThat(ChunkSize.parse("2T")).isEqualTo(2L << 40);
    assertThat(ChunkSize.parse("4700000000")).isEqualTo(4_700_000_000L);
    assertThat(ChunkSize.DEFAULT).isEqualTo(1L << 30);
  }

  @Test
  void nonsenseAndTooSmallSizesAreRefusedQuotingTheInput() {
    assertThatThrownBy(() -> ChunkSize.parse("4 gigs")).hasMessageContaining("'4 gigs'");
    assertThatThrownBy(() -> ChunkSize.parse("-1G")).hasMessageContaining("'-1G'");
    assertThatThrownBy(() -> ChunkSize.parse("")).hasMessageContaining("bad chunk size");
    assertThatThrownBy(() -> ChunkSize.parse("1K")).hasMessageContaining("below the minimum");
    assertThatThrownBy(() -> ChunkSize.parse("99999999999999T")).hasMessageContaining("too large");
  }
}
