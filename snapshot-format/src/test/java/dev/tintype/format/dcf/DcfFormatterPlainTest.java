package dev.tintype.format.dcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut for plain ASCII fields gives exactly what the general strwrap port gives. */
class DcfFormatterPlainTest {
  @Test
  void plainFieldsWrapAsTheGeneralPathDoes() {
    Random r = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABC0123456789.,()>=<-_+/:;";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder value = new StringBuilder();
      int words = 1 + r.nextInt(30);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          value.append(' ');
        }
        int len = 1 + (r.nextInt(10) == 0 ? r.nextInt(90) : r.nextInt(12));
        for (int c = 0; c < len; c++) {
          value.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String general = String.join("\n", DcfFormatter.strwrap("Imports: " + value));
      assertThat(DcfFormatter.formatField("Imports", value.toString()))
          .as("Imports: %s", value)
          .isEqualTo(general);
    }
  }

  @Test
  void aLineOfExactlyTheWidthLimitIsKeptWhole() {
    String value = "x".repeat(71 - "Depends: ".length());
    assertThat(DcfFormatter.formatField("Depends", value)).isEqualTo("Depends: " + value);
    assertThat(DcfFormatter.formatField("Depends", value + " y"))
        .isEqualTo("Depends: " + value + "\n        y");
  }
}
