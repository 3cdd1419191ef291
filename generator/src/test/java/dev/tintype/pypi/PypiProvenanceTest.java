package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fetch.IntegrityException;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.purge.Purges;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEP 740: a file's provenance object is mirrored into the pool beside the file and linked from the
 * snapshot's pages by a relative URL, in every snapshot that lists the file.
 */
class PypiProvenanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RepoName PYPI = new RepoName("pypi");
  private static final String WHEEL = "tiny_dep-0.6-py3-none-any.whl";
  private static final PypiFile SIGNED =
      PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.PLAIN);
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private PypiUpstream upstream;
  private FakeUpstream server;
  private Rig rig;
  private RepoConfig repo;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = PypiUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("pypi", RepoType.PYPI, server.url(), "Demo.Pkg", "tiny_dep", "other-thing");
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  @Test
  void aProvenanceObjectIsStoredBesideItsFileAndLinkedRelativelyFromBothPages() throws IOException {
    upstream.add("tiny-dep", SIGNED).write();

    rig.sync(repo, "2026-11-27");

    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    String link = link("2026-11-27", WHEEL);
    assertThat(link).startsWith("../../../../pool/").endsWith("/" + WHEEL + ".provenance");
    assertThat(html("2026-11-27")).contains("data-provenance=\"" + link + "\"");
    assertThat(link("2026-11-27", "tiny_dep-0.2-py3-none-any.whl")).isNull();
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  @Test
  void anHtmlOnlyUpstreamsProvenanceWithAMatchingDigestIsMirroredToo() throws IOException {
    PypiFile hashed = PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.HASHED);
    upstream.add("tiny-dep", hashed).write();
    server.htmlOnly(true);

    rig.sync(repo, "2026-11-27");

    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(hashed.provenanceObject());
  }

  @Test
  void aProvenanceObjectNotMatchingItsDigestFailsTheSyncNamingTheFile() throws IOException {
    upstream
        .add(
            "tiny-dep",
            PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.WRONG_HASH))
        .write();

    assertThatThrownBy(() -> rig.sync(repo, "2026-11-27"))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(WHEEL + ".provenance")
        .hasMessageContaining("sha256 mismatch");
    assertThat(storage.exists("pypi/2026-11-27/manifest.json")).isFalse();
  }

  @Test
  void aProvenanceObjectLargerThanThePageLimitIsRefusedNamingTheFileAndTheLimit()
      throws IOException {
    upstream.add("tiny-dep", SIGNED).write();
    java.nio.file.Files.write(
        upstreamDir.resolve("files/" + WHEEL + ".provenance"), new byte[64 * 1024]);
    rig.limits(new Limits(32 * 1024, Limits.DEFAULT_MAX_INDEX_BYTES));

    assertThatThrownBy(() -> rig.sync(repo, "2026-11-27"))
        .hasMessageContaining(WHEEL + ".provenance")
        .hasMessageContaining("limits.max-page-size");
    assertThat(storage.exists("pypi/2026-11-27/manifest.json")).isFalse();
  }

  @Test
  void aProvenanceUpstreamAnswers404ForIsDroppedWithAWarningAndTheFileKept() throws IOException {
    upstream
        .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.MISSING))
        .write();

    rig.sync(repo, "2026-11-27");

    assertThat(json("2026-11-27").toString()).contains(WHEEL).doesNotContain("provenance");
    assertThat(html("2026-11-27")).contains(WHEEL).doesNotContain("data-provenance");
    assertThat(rig.warnings).anyMatch(w -> w.contains(WHEEL + ".provenance") && w.contains("404"));
  }

  @Test
  void aProvenanceUpstreamAddsLaterIsFetchedForAFileThePoolHasAlready() throws IOException {
    upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6")).write();
    rig.sync(repo, "2026-11-26");
    upstream.add("tiny-dep", SIGNED).write();
    server.resetCounts();

    rig.sync(repo, "2026-11-27");

    assertThat(server.fileDownloads()).as("the wheel is not fetched again").isZero();
    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    assertThat(link("2026-11-26", WHEEL)).isNull();
  }

  @Test
  void aCarriedForwardPageKeepsItsProvenanceLink() throws IOException {
    upstream.add("tiny-dep", SIGNED).write();
    rig.sync(repo, "2026-11-26");
    server.resetCounts();

    rig.sync(repo, "2026-11-27");

    assertThat(server.requestCount("/files/" + WHEEL + ".provenance")).isZero();
    assertThat(link("2026-11-27", WHEEL)).isEqualTo(link("2026-11-26", WHEEL));
    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  @Test
  void aPageCarriedUnreadKeepsItsProvenanceAndItsPoolEntry() throws IOException {
    rig.close();
    rig = new Rig(storage, Map.of(RepoType.PYPI, new PypiMirror(1)));
    upstream.add("tiny-dep", SIGNED).write();
    rig.sync(repo, "2026-11-26");
    server.resetCounts();

    rig.sync(repo, "2026-11-27");

    assertThat(server.requestCount("/simple/tiny-dep/")).as("carried unread").isZero();
    assertThat(link("2026-11-27", WHEEL)).isEqualTo(link("2026-11-26", WHEEL));
    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  @Test
  void purgingAFileDeletesAndRecordsItsProvenanceToo() throws IOException {
    upstream.add("tiny-dep", SIGNED).write();
    rig.sync(repo, "2026-11-27");
    String key = poolKey("2026-11-27", link("2026-11-27", WHEEL));

    new Purger(storage, new PurgeListener() {})
        .run(new Purger.Request(PYPI, Optional.empty(), List.of(WHEEL), "malware"), false, false);

    assertThat(storage.exists(key)).isFalse();
    assertThat(Purges.read(storage).poolKeys()).contains(key);
    assertThat(new Verifier(storage).verify(PYPI, SnapshotDate.parse("2026-11-27")).ok()).isTrue();
  }

  private JsonNode json(String date) throws IOException {
    try (InputStream in = storage.open("pypi/" + date + "/simple/tiny-dep/index.json")) {
      return MAPPER.readTree(in);
    }
  }

  private String html(String date) throws IOException {
    try (InputStream in = storage.open("pypi/" + date + "/simple/tiny-dep/index.html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The provenance link of a file on the project's JSON page, or null. */
  private String link(String date, String filename) throws IOException {
    for (JsonNode f : json(date).get("files")) {
      if (f.get("filename").asText().equals(filename)) {
        return f.has("provenance") ? f.get("provenance").asText() : null;
      }
    }
    throw new AssertionError(filename + " is not on the page of " + date);
  }

  /** The storage key a link of the project's page resolves to. */
  private static String poolKey(String date, String link) {
    return URI.create("https://mirror.example/pypi/" + date + "/simple/tiny-dep/")
        .resolve(link)
        .getPath()
        .substring(1);
  }

  private byte[] provenanceOf(String date, String filename) throws IOException {
    String link = link(date, filename);
    assertThat(link).as(filename + " links its provenance in " + date).isNotNull();
    try (InputStream in = storage.open(poolKey(date, link))) {
      return in.readAllBytes();
    }
  }
}
