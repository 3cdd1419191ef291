package dev.tintype.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RClosureTest {
  private static RPackage pkg(String name, String version, String imports) {
    return RPackage.of(name, version, null, imports, null, null);
  }

  private static Curation approve(String... names) {
    return new Curation(List.of(names), false, List.of());
  }

  private static Curation block(Curation c, String... rules) {
    return new Curation(
        c.packages(), c.suggests(), List.of(rules).stream().map(RRequirement::parse).toList());
  }

  @Test
  void aDiamondKeepsEachPackageOnceAndNothingElse() {
    List<RPackage> index =
        List.of(
            pkg("top", "1.0", "left, right"),
            pkg("left", "1.0", "bottom (>= 1.0)"),
            pkg("right", "2.0", "bottom"),
            pkg("bottom", "1.5", null),
            pkg("unrelated", "1.0", "bottom"));
    RClosure.Result r = RClosure.close(index, approve("top"));
    assertThat(r.kept())
        .containsExactlyInAnyOrder("top 1.0", "left 1.0", "right 2.0", "bottom 1.5");
    assertThat(r.missing()).isEmpty();
    assertThat(r.blocked()).isEmpty();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void aCycleEnds() {
    List<RPackage> index =
        List.of(pkg("a", "1", "b"), pkg("b", "1", "c"), pkg("c", "1", "a"), pkg("d", "1", null));
    assertThat(RClosure.close(index, approve("a")).kept())
        .containsExactlyInAnyOrder("a 1", "b 1", "c 1");
  }

  @Test
  void dependsAndLinkingToCountButSuggestsAndEnhancesDoNot() {
    List<RPackage> index =
        List.of(
            RPackage.of("a", "1", "R (>= 4.0), d1", "methods, stats", "lt", "s1"),
            pkg("d1", "1", null),
            pkg("lt", "1", null),
            pkg("s1", "1", null));
    assertThat(RClosure.close(index, approve("a")).kept())
        .containsExactlyInAnyOrder("a 1", "d1 1", "lt 1");
  }

  @Test
  void baseAndRecommendedPackagesAreLeftToRButMayBeApprovedByName() {
    List<RPackage> index =
        List.of(pkg("a", "1", "MASS, Matrix, utils, tools"), pkg("MASS", "7.3-60", null));
    assertThat(RClosure.close(index, approve("a")).kept()).containsExactly("a 1");
    assertThat(RClosure.close(index, approve("a", "MASS")).kept())
        .containsExactlyInAnyOrder("a 1", "MASS 7.3-60");
    RClosure.Result stats = RClosure.close(index, approve("a", "stats"));
    assertThat(stats.missing()).isEmpty();
    assertThat(stats.warnings())
        .containsExactly("stats ships with R and upstream does not list it; nothing to mirror");
  }

  @Test
  void aMissingDependencyNamesItAndEveryPackageThatNeedsIt() {
    List<RPackage> index =
        List.of(pkg("a", "1", "ghost"), pkg("b", "1", "ghost, a"), pkg("c", "1", null));
    RClosure.Result r = RClosure.close(index, approve("b", "nothere"));
    assertThat(r.missing()).containsOnlyKeys("ghost", "nothere");
    assertThat(r.missing().get("ghost")).containsExactly("a", "b");
    assertThat(r.missing().get("nothere")).containsExactly(RClosure.APPROVED);
  }

  @Test
  void aBlockedDependencyIsLeftOutAndRecordsWhoNeededIt() {
    List<RPackage> index =
        List.of(
            pkg("app", "1", "bad, fine"),
            pkg("other", "1", "bad"),
            pkg("bad", "1", "deep"),
            pkg("deep", "1", null),
            pkg("fine", "1", null));
    RClosure.Result r = RClosure.close(index, block(approve("app", "other"), "bad"));
    assertThat(r.kept()).containsExactlyInAnyOrder("app 1", "other 1", "fine 1");
    assertThat(r.blocked()).containsOnlyKeys("bad 1");
    RClosure.Blocked b = r.blocked().get("bad 1");
    assertThat(b.rule()).isEqualTo("bad");
    assertThat(b.neededBy()).containsExactly("app", "other");
  }

  @Test
  void aVersionedBlockOnlyBlocksTheVersionsItMatches() {
    List<RPackage> old = List.of(pkg("app", "1", "lib"), pkg("lib", "1.1-9", null));
    List<RPackage> fixed = List.of(pkg("app", "1", "lib"), pkg("lib", "1.2", null));
    Curation c = block(approve("app"), "lib (< 1.2)");
    assertThat(RClosure.close(old, c).kept()).containsExactly("app 1");
    assertThat(RClosure.close(old, c).blocked().get("lib 1.1-9").rule()).isEqualTo("lib (< 1.2)");
    assertThat(RClosure.close(fixed, c).kept()).containsExactlyInAnyOrder("app 1", "lib 1.2");
  }

  @Test
  void anApprovedPackageThatIsBlockedStaysOut() {
    RClosure.Result r = RClosure.close(List.of(pkg("x", "1", null)), block(approve("x"), "x"));
    assertThat(r.kept()).isEmpty();
    assertThat(r.blocked().get("x 1").neededBy()).containsExactly(RClosure.APPROVED);
  }

  @Test
  void withoutPackagesEverythingButTheBlockedIsKept() {
    List<RPackage> index =
        List.of(pkg("a", "1", "bad"), pkg("bad", "1", null), pkg("c", "1", null));
    RClosure.Result r = RClosure.close(index, block(Curation.NONE, "bad"));
    assertThat(r.kept()).containsExactlyInAnyOrder("a 1", "c 1");
    assertThat(r.blocked().get("bad 1").neededBy()).containsExactly("a");
  }

  @Test
  void anUnmetVersionRequirementIsAWarningNamingBoth() {
    List<RPackage> index = List.of(pkg("a", "1", "lib (>= 2.0)"), pkg("lib", "1.9", null));
    RClosure.Result r = RClosure.close(index, approve("a"));
    assertThat(r.kept()).containsExactlyInAnyOrder("a 1", "lib 1.9");
    assertThat(r.warnings()).containsExactly("a needs lib (>= 2.0), but upstream offers lib 1.9");
  }

  @Test
  void suggestsAreFollowedOneLevelDeepFromTheApprovedPackagesOnly() {
    List<RPackage> index =
        List.of(
            RPackage.of("app", "1", null, null, null, "s1, nowhere"),
            RPackage.of("s1", "1", null, "s1dep", null, "s2"),
            pkg("s1dep", "1", null),
            pkg("s2", "1", null));
    Curation c = new Curation(List.of("app"), true, List.of());
    RClosure.Result r = RClosure.close(index, c);
    assertThat(r.kept()).containsExactlyInAnyOrder("app 1", "s1 1", "s1dep 1");
    assertThat(r.missing()).isEmpty();
    assertThat(r.warnings())
        .containsExactly("app suggests nowhere, which upstream does not have; left out");
    assertThat(RClosure.close(index, approve("app")).kept()).containsExactly("app 1");
  }

  @Test
  void dependencyFieldsParseAsRWritesThem() {
    assertThat(RRequirement.field("R (>= 3.5.0), betaR (>= 0.2),\n    gamma.util,  x(<1.0)"))
        .extracting(RRequirement::toString)
        .containsExactly("R (>= 3.5.0)", "betaR (>= 0.2)", "gamma.util", "x (< 1.0)");
    assertThat(RRequirement.parse("p (< 1.2)").matches("1.1-9")).isTrue();
    assertThat(RRequirement.parse("p (< 1.2)").matches("1.2")).isFalse();
    assertThat(RRequirement.parse("p (>= 1.10)").matches("1.9")).isFalse();
    assertThat(RRequirement.parse("p (== 1.2)").matches("1.2-0")).isFalse();
    assertThatThrownBy(() -> RRequirement.parse("p < 1.2"))
        .hasMessageContaining("'p < 1.2' is not an R package name");
  }
}
