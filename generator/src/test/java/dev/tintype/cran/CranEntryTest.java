package dev.tintype.cran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.sync.BadUpstreamException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept exactly what R's patterns accept. */
class CranEntryTest {
  private static final String CHARS = "aZ09.-_+/ \u00e9\u0660:";

  @Test
  void theChecksAgreeWithThePatternsTheyReplace() {
    assertAgrees(CranEntry.NAME_PATTERN, CranEntry::isName);
    assertAgrees("[0-9]+([.-][0-9]+)+", CranEntry::isVersion);
    assertAgrees("[A-Za-z0-9][A-Za-z0-9._+-]*", CranEntry::isPathSegment);
    assertThat(CranEntry.isMd5("0123456789abcdefABCDEF0123456789")).isTrue();
    assertThat(CranEntry.isMd5("0123456789abcdefABCDEF012345678")).isFalse();
    assertThat(CranEntry.isMd5("0123456789abcdefABCDEF012345678g")).isFalse();
    assertThat(CranEntry.isMd5("0123456789abcdefABCDEF01234567890")).isFalse();
  }

  private static void assertAgrees(String regex, Predicate<String> check) {
    Pattern p = Pattern.compile(regex);
    Random r = new Random(regex.hashCode());
    for (int round = 0; round < 200_000; round++) {
      StringBuilder s = new StringBuilder();
      int len = r.nextInt(7);
      for (int i = 0; i < len; i++) {
        s.append(CHARS.charAt(r.nextInt(CHARS.length())));
      }
      String x = s.toString();
      assertThat(check.test(x)).as("%s against %s", x, regex).isEqualTo(p.matcher(x).matches());
    }
  }

  @Test
  void refusalsNameTheRecordAndWhatWasWrong() {
    assertThatThrownBy(() -> entry(Map.of("Version", "1.0")))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessage("PACKAGES record 3: no Package field; refused");
    assertThatThrownBy(() -> entry(Map.of("Package", "a_b", "Version", "1.0")))
        .hasMessage(
            "PACKAGES record 3 (Package 'a_b'): refused: not a valid R package name (expected"
                + " [A-Za-z][A-Za-z0-9.]*[A-Za-z0-9])");
    assertThatThrownBy(() -> entry(Map.of("Package", "ab", "Version", "1")))
        .hasMessage(
            "PACKAGES record 3 (Package 'ab'): refused: Version '1' is not a valid R package"
                + " version");
    assertThatThrownBy(() -> entry(Map.of("Package", "ab", "Version", "1.0", "Path", "x/../y")))
        .hasMessage(
            "PACKAGES record 3 (Package 'ab'): refused: Path 'x/../y' has a bad segment '..'");
    assertThatThrownBy(() -> entry(Map.of("Package", "ab", "Version", "1.0", "MD5sum", "12")))
        .hasMessage("PACKAGES record 3 (Package 'ab'): refused: MD5sum '12' is not 32 hex digits");
  }

  @Test
  void anAcceptedRecordGivesItsFileAndLowerCaseMd5() throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Package", "a.b1");
    f.put("Version", "1.0-2");
    f.put("Path", " Old/x+y ");
    f.put("MD5sum", "0123456789ABCDEF0123456789abcdef");
    CranEntry e = entry(f);
    assertThat(e.fileName()).isEqualTo("a.b1_1.0-2.tar.gz");
    assertThat(e.upstreamRelative()).isEqualTo("Old/x+y/a.b1_1.0-2.tar.gz");
    assertThat(e.md5()).isEqualTo("0123456789abcdef0123456789abcdef");
  }

  private static CranEntry entry(Map<String, String> fields) throws BadUpstreamException {
    return CranEntry.of(DcfRecord.of(new LinkedHashMap<>(fields)), "PACKAGES", 2);
  }
}
