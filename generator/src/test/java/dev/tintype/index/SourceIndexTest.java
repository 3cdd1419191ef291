package dev.tintype.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceIndexTest {
  @TempDir Path dir;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private SourceIndex.Result read() throws IOException {
    return new SourceIndex(pool).read(dir);
  }

  private static DcfRecord only(SourceIndex.Result r, String pkg) {
    return r.records().stream()
        .filter(x -> x.require("Package").equals(pkg))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record for " + pkg + " in " + r.records()));
  }

  @Test
  void aRecordHoldsTheStandardFieldsInROrderWithTheTarballsMd5() throws Exception {
    Path t =
        Tarball.of("alpha", "1.0-2")
            .field("Imports", "stats,\n    utils")
            .field("Suggests", "")
            .field("Depends", "R (>= 3.5)")
            .field("URL", "https://example.org")
            .writeTo(dir);

    DcfRecord r = only(read(), "alpha");

    assertThat(r.fields())
        .containsExactly(
            java.util.Map.entry("Package", "alpha"),
            java.util.Map.entry("Version", "1.0-2"),
            java.util.Map.entry("Depends", "R (>= 3.5)"),
            java.util.Map.entry("Imports", "stats,\nutils"),
            java.util.Map.entry("License", "GPL-2"),
            java.util.Map.entry("MD5sum", Tarball.md5(t)),
            java.util.Map.entry("NeedsCompilation", "no"));
  }

  @Test
  void recordsAreSortedByPackageIgnoringCaseWhateverTheFileOrder() throws Exception {
    for (String p : List.of("zeta", "Beta", "alpha", "beta.x", "Alpha2")) {
      Tarball.of(p, "1.0").writeTo(dir);
    }

    assertThat(read().records())
        .extracting(r -> r.require("Package"))
        .containsExactly("alpha", "Alpha2", "Beta", "beta.x", "zeta");
  }

  @Test
  void needsCompilationComesFromASrcDirectoryOnlyWhenDescriptionLacksIt() throws Exception {
    Tarball.of("compiled", "1.0").field("NeedsCompilation", null).withSrc().writeTo(dir);
    Tarball.of("pure", "1.0").field("NeedsCompilation", null).writeTo(dir);
    Tarball.of("says", "1.0").field("NeedsCompilation", "no").withSrc().writeTo(dir);

    SourceIndex.Result r = read();

    assertThat(only(r, "compiled").get("NeedsCompilation")).contains("yes");
    assertThat(only(r, "pure").get("NeedsCompilation")).contains("no");
    assertThat(only(r, "says").get("NeedsCompilation")).contains("no");
  }

  @Test
  void theMd5CoversTheWholeFileEvenWhenTheRestIsNotInflated() throws Exception {
    Path early = Tarball.of("early", "1.0").paddingKiB(300).writeTo(dir);
    Path late = Tarball.of("late", "1.0").paddingKiB(300).descriptionLast().writeTo(dir);

    SourceIndex.Result r = read();

    assertThat(only(r, "early").get("MD5sum")).contains(Tarball.md5(early));
    assertThat(only(r, "late").get("MD5sum")).contains(Tarball.md5(late));
  }

  @Test
  void onlyTheNewestVersionOfAPackageIsKept() throws Exception {
    Tarball.of("multi", "1.9").writeTo(dir);
    Tarball.of("multi", "1.10").writeTo(dir);
    Tarball.of("multi", "1.2-3").writeTo(dir);

    SourceIndex.Result r = read();

    assertThat(r.records()).hasSize(1);
    assertThat(only(r, "multi").get("Version")).contains("1.10");
  }

  @Test
  void licensesAreStandardizedAndOnesRCannotStandardizeAreLeftOut() throws Exception {
    Tarball.of("spaced", "1.0").field("License", "GPL(>=2)").writeTo(dir);
    Tarball.of("odd", "1.0").field("License", "Proprietary, ask us").writeTo(dir);

    SourceIndex.Result r = read();

    assertThat(only(r, "spaced").get("License")).contains("GPL (>= 2)");
    assertThat(only(r, "odd").get("License")).isEmpty();
  }

  @Test
  void bzip2TarballsAndLatin1DescriptionsAreRead() throws Exception {
    Tarball.of("bz", "1.0").bzip2().writeTo(dir);
    Tarball.of("latin", "1.0").latin1().field("Depends", "R (>= 4.0), m\u00fcller").writeTo(dir);

    SourceIndex.Result r = read();

    assertThat(only(r, "bz").get("Version")).contains("1.0");
    assertThat(only(r, "latin").get("Depends")).contains("R (>= 4.0), m\u00fcller");
  }

  @Test
  void unreadableTarballsAreSkippedNamingTheFileAndWhy() throws Exception {
    Tarball.of("good", "1.0").writeTo(dir);
    Files.write(dir.resolve("corrupt_1.0.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
    Files.writeString(dir.resolve("plain_1.0.tar.gz"), "not compressed at all");
    Path other = Files.createDirectories(dir.resolve("x"));
    Files.move(Tarball.of("inner", "1.0").writeTo(other), dir.resolve("wrongname_1.0.tar.gz"));

    SourceIndex.Result r = read();

    assertThat(r.records()).extracting(x -> x.require("Package")).containsExactly("good");
    assertThat(r.skipped())
        .extracting(SourceIndex.Skipped::file)
        .containsExactlyInAnyOrder(
            "corrupt_1.0.tar.gz", "plain_1.0.tar.gz", "wrongname_1.0.tar.gz");
    assertThat(r.skipped())
        .extracting(SourceIndex.Skipped::reason)
        .anySatisfy(m -> assertThat(m).contains("corrupt_1.0.tar.gz", "not a readable tarball"))
        .anySatisfy(m -> assertThat(m).contains("plain_1.0.tar.gz", "neither gzip nor bzip2"))
        .anySatisfy(m -> assertThat(m).contains("has no wrongname/DESCRIPTION"));
  }

  @Test
  void filesThatAreNotSourceTarballsAreIgnored() throws Exception {
    Tarball.of("pkg", "1.0").writeTo(dir);
    Files.writeString(dir.resolve("README"), "hello");
    Files.writeString(dir.resolve("PACKAGES"), "Package: stale\n");
    Files.copy(dir.resolve("pkg_1.0.tar.gz"), dir.resolve(".hidden_1.0.tar.gz"));
    Files.copy(dir.resolve("pkg_1.0.tar.gz"), dir.resolve("nounderscore.tar.gz"));
    Files.createDirectories(dir.resolve("sub_1.0.tar.gz"));

    SourceIndex.Result r = read();

    assertThat(r.records()).extracting(x -> x.require("Package")).containsExactly("pkg");
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void writeReplacesTheThreeIndexesWithTheSameRecordsAndLeavesNoTemporaryFiles() throws Exception {
    Tarball.of("one", "1.0").writeTo(dir);
    Tarball.of("two", "2.0").field("Imports", "one").writeTo(dir);
    Files.writeString(dir.resolve("PACKAGES"), "Package: stale\n");

    SourceIndex.Result r = new SourceIndex(pool).write(dir);

    List<DcfRecord> text;
    try (InputStream in = Files.newInputStream(dir.resolve("PACKAGES"))) {
      text = Dcf.read(in, "PACKAGES");
    }
    List<DcfRecord> gz;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("PACKAGES.gz")))) {
      gz = Dcf.read(in, "PACKAGES.gz");
    }
    assertThat(text).isEqualTo(r.records()).isEqualTo(gz).hasSize(2);
    byte[] rds = Files.readAllBytes(dir.resolve("PACKAGES.rds"));
    assertThat(rds[0] & 0xff).isEqualTo(0x1f);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
    }
  }

  @Test
  void anEmptyDirectoryGetsEmptyIndexes() throws Exception {
    Files.writeString(dir.resolve("PACKAGES"), "Package: stale\n");

    SourceIndex.Result r = new SourceIndex(pool).write(dir);

    assertThat(r.records()).isEmpty();
    assertThat(Files.readString(dir.resolve("PACKAGES"), StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aMissingDirectoryIsAnErrorNamingIt() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> new SourceIndex(pool).read(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void everyTarballIsReadOnTheInjectedExecutor() throws Exception {
    for (int i = 0; i < 7; i++) {
      Tarball.of("p" + i, "1.0").writeTo(dir);
    }
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService counting = new CountingExecutor(pool, tasks);

    assertThat(new SourceIndex(counting).read(dir).records()).hasSize(7);
    assertThat(tasks).hasValue(7);
  }

  /** Runs on a real pool and counts what it is given. */
  private static final class CountingExecutor extends AbstractExecutorService {
    private final ExecutorService delegate;
    private final AtomicInteger count;

    CountingExecutor(ExecutorService delegate, AtomicInteger count) {
      this.delegate = delegate;
      this.count = count;
    }

    @Override
    public void execute(Runnable r) {
      count.incrementAndGet();
      delegate.execute(r);
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
