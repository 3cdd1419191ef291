package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tintype.fetch.IntegrityException;
import dev.tintype.fetch.Limits;
import dev.tintype.fixtures.PypiFile;
import dev.tintype.purge.Purges;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final String WHEEL = "tiny_dep-0.6-py3-none-any.whl";
  private static final PypiFile SIGNED =
      PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.PLAIN);
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
  void aProvenanceObjectIsStoredBesideItsFileAndLinkedRelativelyFromBothPages() throws IOException {
    demo.upstream.add("tiny-dep", SIGNED).write();

    demo.sync("2026-11-27");

    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    String link = link("2026-11-27", WHEEL);
    assertThat(link).startsWith("../../../../pool/").endsWith("/" + WHEEL + ".provenance");
    assertThat(html("2026-11-27")).contains("data-provenance=\"" + link + "\"");
    assertThat(link("2026-11-27", "tiny_dep-0.2-py3-none-any.whl")).isNull();
    assertThat(demo.verify("2026-11-27").ok()).isTrue();
  }

  @Test
  void anHtmlOnlyUpstreamsProvenanceWithAMatchingDigestIsMirroredToo() throws IOException {
    PypiFile hashed = PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.HASHED);
    demo.upstream.add("tiny-dep", hashed).write();
    demo.server.htmlOnly(true);

    demo.sync("2026-11-27");

    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(hashed.provenanceObject());
  }

  @Test
  void aProvenanceObjectNotMatchingItsDigestFailsTheSyncNamingTheFile() throws IOException {
    demo.upstream
        .add(
            "tiny-dep",
            PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.WRONG_HASH))
        .write();

    assertThatThrownBy(() -> demo.sync("2026-11-27"))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(WHEEL + ".provenance")
        .hasMessageContaining("sha256 mismatch");
    assertThat(demo.storage.exists("pypi/2026-11-27/manifest.json")).isFalse();
  }

  @Test
  void aProvenanceObjectLargerThanThePageLimitIsRefusedNamingTheFileAndTheLimit()
      throws IOException {
    demo.upstream.add("tiny-dep", SIGNED).write();
    Files.write(upstreamDir.resolve("files/" + WHEEL + ".provenance"), new byte[64 * 1024]);
    demo.rig().limits(new Limits(32 * 1024, Limits.DEFAULT_MAX_INDEX_BYTES));

    assertThatThrownBy(() -> demo.sync("2026-11-27"))
        .hasMessageContaining(WHEEL + ".provenance")
        .hasMessageContaining("limits.max-page-size");
    assertThat(demo.storage.exists("pypi/2026-11-27/manifest.json")).isFalse();
  }

  @Test
  void aProvenanceUpstreamAnswers404ForIsDroppedWithAWarningAndTheFileKept() throws IOException {
    demo.upstream
        .add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6").provenance(PypiFile.Provenance.MISSING))
        .write();

    demo.sync("2026-11-27");

    assertThat(json("2026-11-27").toString()).contains(WHEEL).doesNotContain("provenance");
    assertThat(html("2026-11-27")).contains(WHEEL).doesNotContain("data-provenance");
    assertThat(demo.rig().warnings)
        .anyMatch(w -> w.contains(WHEEL + ".provenance") && w.contains("404"));
  }

  @Test
  void aProvenanceUpstreamAddsLaterIsFetchedForAFileThePoolHasAlready() throws IOException {
    demo.upstream.add("tiny-dep", PypiFile.wheel("tiny-dep", "0.6")).write();
    demo.sync("2026-11-26");
    demo.upstream.add("tiny-dep", SIGNED).write();
    demo.server.resetCounts();

    demo.sync("2026-11-27");

    assertThat(demo.server.fileDownloads()).as("the wheel is not fetched again").isZero();
    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    assertThat(link("2026-11-26", WHEEL)).isNull();
  }

  @Test
  void aCarriedForwardPageKeepsItsProvenanceLink() throws IOException {
    demo.upstream.add("tiny-dep", SIGNED).write();
    demo.sync("2026-11-26");
    demo.server.resetCounts();

    demo.sync("2026-11-27");

    assertThat(demo.server.requestCount("/files/" + WHEEL + ".provenance")).isZero();
    assertThat(link("2026-11-27", WHEEL)).isEqualTo(link("2026-11-26", WHEEL));
    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    assertThat(demo.verify("2026-11-27").ok()).isTrue();
  }

  @Test
  void aPageCarriedUnreadKeepsItsProvenanceAndItsPoolEntry() throws IOException {
    demo.carryUnread();
    demo.upstream.add("tiny-dep", SIGNED).write();
    demo.sync("2026-11-26");
    demo.server.resetCounts();

    demo.sync("2026-11-27");

    assertThat(demo.server.requestCount("/simple/tiny-dep/")).as("carried unread").isZero();
    assertThat(link("2026-11-27", WHEEL)).isEqualTo(link("2026-11-26", WHEEL));
    assertThat(provenanceOf("2026-11-27", WHEEL)).isEqualTo(SIGNED.provenanceObject());
    assertThat(demo.verify("2026-11-27").ok()).isTrue();
  }

  @Test
  void purgingAFileDeletesAndRecordsItsProvenanceToo() throws IOException {
    demo.upstream.add("tiny-dep", SIGNED).write();
    demo.sync("2026-11-27");
    String key = poolKey("2026-11-27", link("2026-11-27", WHEEL));

    demo.purgeFile(WHEEL);

    assertThat(demo.storage.exists(key)).isFalse();
    assertThat(Purges.read(demo.storage).poolKeys()).contains(key);
    assertThat(demo.verify("2026-11-27").ok()).isTrue();
  }

  private JsonNode json(String date) throws IOException {
    return MAPPER.readTree(demo.page(date, "tiny-dep", "index.json"));
  }

  private String html(String date) throws IOException {
    return demo.page(date, "tiny-dep", "index.html");
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
    try (InputStream in = demo.storage.open(poolKey(date, link))) {
      return in.readAllBytes();
    }
  }
}
