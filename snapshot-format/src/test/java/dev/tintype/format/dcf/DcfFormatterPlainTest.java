package dev.tintype.format.dcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut for plain ASCII fields gives exactly what the general strwrap port gives. */
class DcfFormatterPlainTest {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABC0123456789.,()>=<-_+/:;?!'\"";

  @Test
  void plainFieldsWrapAsTheGeneralPathDoes() {
    Random r = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      String value = words(r, " ");
      String general = String.join("\n", DcfFormatter.strwrap("Imports: " + value));
      assertThat(DcfFormatter.formatField("Imports", value))
          .as("Imports: %s", value)
          .isEqualTo(general)
          .isEqualTo(DcfFormatter.formatGeneral("Imports", value));
    }
  }

  @Test
  void fieldsReadBackFromAWrappedIndexWrapAsTheGeneralPathDoes() {
    // A wrapped field reads back with a newline where a line was broken.
    Random r = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      String value = words(r, r.nextBoolean() ? "\n" : " \n");
      assertThat(DcfFormatter.formatField("Suggests", value))
          .as("Suggests: %s", value)
          .isEqualTo(DcfFormatter.formatGeneral("Suggests", value));
    }
  }

  @Test
  void whiteSpaceOtherThanSingleSeparatorsTakesTheGeneralPath() {
    for (String value :
        new String[] {
          "a.  b",
          "a\n\nb",
          "a \n b",
          "a\tb",
          " a",
          "a\n",
          "\na",
          "x. \ny",
          "caf\u00e9 " + "x".repeat(80)
        }) {
      assertThat(DcfFormatter.formatField("Imports", value))
          .as("Imports: %s", value)
          .isEqualTo(DcfFormatter.formatGeneral("Imports", value));
    }
    // The general path keeps a double space after a sentence end and escapes an empty line.
    assertThat(DcfFormatter.formatField("Imports", "a.  b")).isEqualTo("Imports: a.  b");
    assertThat(DcfFormatter.formatField("Imports", "a\n\nb")).isEqualTo("Imports: a\n .\n b");
  }

  @Test
  void aLineOfExactlyTheWidthLimitIsKeptWhole() {
    String value = "x".repeat(71 - "Depends: ".length());
    assertThat(DcfFormatter.formatField("Depends", value)).isEqualTo("Depends: " + value);
    assertThat(DcfFormatter.formatField("Depends", value + " y"))
        .isEqualTo("Depends: " + value + "\n        y");
    assertThat(DcfFormatter.formatField("Depends", value + "\ny"))
        .isEqualTo("Depends: " + value + "\n        y");
  }

  /** Random words joined by a separator picked from {@code separators} each time. */
  private static String words(Random r, String separators) {
    StringBuilder value = new StringBuilder();
    int words = 1 + r.nextInt(30);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        value.append(separators.charAt(r.nextInt(separators.length())));
      }
      int len = 1 + (r.nextInt(10) == 0 ? r.nextInt(90) : r.nextInt(12));
      for (int c = 0; c < len; c++) {
        value.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return value.toString();
  }
}
