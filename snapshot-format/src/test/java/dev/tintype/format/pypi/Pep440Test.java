package dev.tintype.format.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pep440Test {
  // In increasing order, after the list in packaging's test_version.py.
  static final List<String> ORDERED =
      List.of(
          "1.0.dev456",
          "1.0a1",
          "1.0a2.dev456",
          "1.0a12.dev456",
          "1.0a12",
          "1.0b1.dev456",
          "1.0b2",
          "1.0b2.post345.dev456",
          "1.0b2.post345",
          "1.0b2-346",
          "1.0c1.dev456",
          "1.0c1",
          "1.0rc2",
          "1.0c3",
          "1.0",
          "1.0.post456.dev34",
          "1.0.post456",
          "1.0.15",
          "1.1.dev1",
          "1.2",
          "1.2+123abc",
          "1.2+123abc456",
          "1.2+abc",
          "1.2+abc123",
          "1.2+abc123def",
          "1.2+1234.abc",
          "1.2+123456",
          "1.2.r32+123456",
          "1.2.rev33+123456",
          "1!1.0b2.post345",
          "1!1.0");

  @Test
  void ordersLikePackaging() {
    List<Pep440> shuffled =
        new ArrayList<>(ORDERED.stream().map(v -> Pep440.parse(v).get()).toList());
    Collections.shuffle(shuffled, new Random(42));
    Collections.sort(shuffled);
    assertThat(shuffled)
        .extracting(Pep440::toString)
        .containsExactlyElementsOf(
            ORDERED.stream().map(v -> Pep440.parse(v).get().toString()).toList());
  }

  @Test
  void pageVersionsPutInvalidOnesFirstAndListEqualVersionsOnce() {
    List<DistFile> files = new ArrayList<>();
    for (String v : List.of("1.0", "2010i", "0.1", "1.0.0", "1!0.5", "0.3.0dev1", "a1")) {
      files.add(new DistFile("demo-" + v + ".tar.gz", "u", null, null, null, null, null, null));
    }
    files.add(new DistFile("demo-9.0-py3-none-any.whl", "u", null, null, null, null, null, null));
    files.add(new DistFile("other-8.0.tar.gz", "u", null, null, null, null, null, null));
    ProjectPage page = new ProjectPage(new ProjectName("demo"), files, -1);
    assertThat(page.versions())
        .containsExactly("2010i", "0.1", "0.3.0.dev1", "1.0.0", "9.0", "1!0.5");
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, 1.0",
    "v1.0, 1.0",
    "1.0.0, 1.0.0",
    "0.3.0dev1, 0.3.0.dev1",
    "1.0-alpha-1, 1.0a1",
    "1.0.BETA2, 1.0b2",
    "1.0c1, 1.0rc1",
    "1.0pre, 1.0rc0",
    "1.0-1, 1.0.post1",
    "1.0.rev, 1.0.post0",
    "1!01.002, 1!1.2",
    "0!1.0, 1.0",
    "1.0+Ubuntu-1, 1.0+ubuntu.1",
    "1.0+007, 1.0+7",
    "19.10b0, 19.10b0",
    "2025.12.1.14, 2025.12.1.14",
  })
  void spellsVersionsInNormalForm(String version, String normal) {
    assertThat(Pep440.parse(version)).hasValueSatisfying(v -> assertThat(v).hasToString(normal));
  }

  @Test
  void treatsTrailingZerosAsEqual() {
    assertThat(Pep440.parse("1.0")).isEqualTo(Pep440.parse("1.0.0"));
    assertThat(Pep440.parse("1.0").get().hashCode())
        .isEqualTo(Pep440.parse("1.0.0").get().hashCode());
    assertThat(Pep440.parse("1.0")).isNotEqualTo(Pep440.parse("1.0.post0"));
  }

  @Test
  void rejectsWhatIsNotPep440() {
    for (String v : List.of("2010i", ".9", "unknown", "1.0+", "1..0", "21.07.28.5ffb65e2ff")) {
      assertThat(Pep440.parse(v)).as(v).isEmpty();
    }
  }

  @Test
  void preAndPostReleasesAndTheBaseVersionAreWhatSpecifiersNeed() {
    Pep440 rc = Pep440.parse("1!2.0rc1.dev3+local.7").orElseThrow();
    assertThat(rc.isPrerelease()).isTrue();
    assertThat(rc.hasLocal()).isTrue();
    assertThat(rc.withoutLocal()).hasToString("1!2.0rc1.dev3");
    assertThat(rc.baseVersion()).hasToString("1!2.0");
    assertThat(rc.epoch()).isEqualTo(java.math.BigInteger.ONE);
    assertThat(rc.release()).containsExactly(java.math.BigInteger.TWO, java.math.BigInteger.ZERO);
    assertThat(Pep440.parse("1.0.dev1").orElseThrow().isPrerelease()).isTrue();
    Pep440 post = Pep440.parse("1.0.post2").orElseThrow();
    assertThat(post.isPrerelease()).isFalse();
    assertThat(post.isPostrelease()).isTrue();
    assertThat(post.withoutLocal()).isSameAs(post);
  }
}
