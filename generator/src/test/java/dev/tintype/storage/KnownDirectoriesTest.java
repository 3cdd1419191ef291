package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KnownDirectoriesTest {
  @Test
  void aDirectoryAddedIsKnownAndOneNeverAddedIsNot() {
    KnownDirectories known = new KnownDirectories();
    for (int i = 0; i < 256; i++) {
      known.add(Path.of("/srv/tintype/pool", String.format("%02x", i)));
    }
    assertThat(known.contains(Path.of("/srv/tintype/pool/00"))).isTrue();
    assertThat(known.contains(Path.of("/srv/tintype/pool/ff"))).isTrue();
    assertThat(known.contains(Path.of("/srv/tintype/pool/00/00"))).isFalse();
    assertThat(known.contains(Path.of("/srv/tintype/pool"))).isFalse();
  }

  @Test
  void theFullPoolFanOutMostlyFitsAndNothingUnaddedIsEverKnown() {
    KnownDirectories known = new KnownDirectories();
    int kept = 0;
    for (int i = 0; i < 65_536; i++) {
      known.add(dir(i));
    }
    for (int i = 0; i < 65_536; i++) {
      kept += known.contains(dir(i)) ? 1 : 0;
      assertThat(known.contains(Path.of("/srv/tintype/pool/x" + i))).isFalse();
    }
    // A direct-mapped table keeps about 1 - 1/e of as many keys as it has slots.
    assertThat(kept).isBetween(35_000, 65_536);
  }

  private static Path dir(int i) {
    return Path.of("/srv/tintype/pool", String.format("%02x/%02x", i >> 8, i & 0xff));
  }
}
