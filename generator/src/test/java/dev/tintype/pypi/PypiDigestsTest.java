package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.fetch.IntegrityException;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.format.layout.RepoName;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every digest a page gives that can be checked is checked: md5 where given, PEP 658 metadata. */
class PypiDigestsTest {
  private static final RepoName PYPI = new RepoName("pypi");
  private static final String WHEEL = "tiny_dep-0.6-py3-none-any.whl";
  @TempDir Path upstreamDir;
  private DemoPypi demo;

  @BeforeEach
  void setUp() throws IOException {
    demo = new DemoPypi(upstreamDir);
  }

  @AfterEach
  void tearDown() throws IOException {
    demo.close();
  }

  @Test
  void aFileWhoseMd5MatchesIsStoredAndItsMd5Served() throws Exception {
    demo.upstream
        .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").md5(PypiFile.Md5.RIGHT))
        .write();
    String md5 = md5(Files.readAllBytes(upstreamDir.resolve("files/" + WHEEL)));
    String listed = Files.readString(upstreamDir.resolve("simple/tiny-dep/index.json"));
    assertThat(listed).as("the fixture gives the md5").contains("\"md5\":\"" + md5 + "\"");

    demo.sync("2026-11-27");

    String page =
        new String(
            demo.storage.open("pypi/2026-11-27/simple/tiny-dep/index.json").readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(page).contains(WHEEL).contains(md5);
  }

  @Test
  void aFileWhoseMd5DiffersIsRefusedNamingTheFile() throws IOException {
    demo.upstream
        .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").md5(PypiFile.Md5.WRONG))
        .write();
    assertThatThrownBy(() -> demo.sync("2026-11-27"))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(WHEEL)
        .hasMessageContaining("MD5 mismatch");
    assertNothingPublished();
  }

  @Test
  void anHtmlPageGivingOnlyAnMd5IsRefusedForWantOfASha256() throws IOException {
    demo.upstream
        .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").md5(PypiFile.Md5.RIGHT))
        .write();
    assertThat(Files.readString(upstreamDir.resolve("simple/tiny-dep/index.html")))
        .as("the fixture gives the md5 as PEP 503 fragment")
        .contains(WHEEL + "#md5=");
    demo.server.htmlOnly(true);
    assertThatThrownBy(() -> demo.sync("2026-11-27"))
        .isInstanceOf(BadUpstreamException.class)
        .hasMessageContaining(WHEEL)
        .hasMessageContaining("no sha256");
    assertNothingPublished();
  }

  @Test
  void aMetadataFileNotMatchingItsAdvertisedSha256IsRefusedNamingTheFile() throws IOException {
    demo.upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").wrongMetadataSha256()).write();
    assertThatThrownBy(() -> demo.sync("2026-11-27"))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(WHEEL + ".metadata")
        .hasMessageContaining("sha256 mismatch");
    assertNothingPublished();
  }

  @Test
  void aMetadataFileMatchingItsSha256IsStoredBesideItsFile() throws IOException {
    demo.upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").withMetadata()).write();
    demo.sync("2026-11-27");
    assertThat(
            Snapshots.manifest(
                    demo.storage, PYPI, dev.tintype.format.layout.SnapshotDate.parse("2026-11-27"))
                .pool())
        .anyMatch(f -> f.path().endsWith("/" + WHEEL + ".metadata"));
  }

  private void assertNothingPublished() throws IOException {
    assertThat(Snapshots.published(demo.storage, PYPI)).isEmpty();
    assertThat(demo.storage.list(".tintype/staging")).isEmpty();
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
