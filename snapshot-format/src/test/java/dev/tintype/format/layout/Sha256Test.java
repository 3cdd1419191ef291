package dev.tintype.format.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Sha256Test {
  private static final String GOOD = "0123456789abcdef".repeat(4);

  @Test
  void onlyLowerCaseHexDigitsOfTheRightLengthPass() {
    assertThat(Sha256.isLowerHex(GOOD, 64)).isTrue();
    assertThat(Sha256.isLowerHex(GOOD.substring(32), 32)).isTrue();
    assertThat(Sha256.isLowerHex(GOOD, 32)).isFalse();
    assertThat(Sha256.isLowerHex(null, 64)).isFalse();
    for (char c = 0; c < 0x3000; c++) {
      boolean digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      String one = GOOD.substring(0, 63) + c;
      assertThat(Sha256.isLowerHex(one, 64)).as("ending in U+%04X", (int) c).isEqualTo(digit);
    }
    // Characters whose low byte is a digit's: a cast to byte alone would let them through.
    assertThat(Sha256.isLowerHex(GOOD.substring(0, 63) + '\u0130', 64)).isFalse();
    assertThat(Sha256.isLowerHex(GOOD.substring(0, 63) + '\u0161', 64)).isFalse();
  }

  @Test
  void aDigestThatIsNotLowerHexIsRefusedNamingIt() {
    assertThatThrownBy(() -> new Sha256(GOOD.toUpperCase()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(GOOD.toUpperCase());
  }
}
