package dev.tintype.bundle;

import static dev.tintype.bundle.HandMade.CRAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Damaged and hostile bundles: each is refused by name, and B's published snapshots survive. */
class BundleFaultTest {
  private static final SnapshotDate D0 = SnapshotDate.parse("2026-11-20");
  private static final SnapshotDate D1 = SnapshotDate.parse("2026-11-27");

  private FileSystem fs;
  private FileStorage a;
  private FileStorage b;
  private Path bundle;
  private Toc toc;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    a = new FileStorage(fs.getPath("/online"));
    b = new FileStorage(fs.getPath("/offline"));
    new HandMade().pkg("old_1.0.tar.gz", 3_000).publish(a, D0.toString());
    BundleRoundTripTest.first().publish(a, D1.toString());
    Exporter e = new Exporter(a);
    e.write(
        e.plan(CRAN, D0, Optional.empty(), ChunkSize.MIN),
        fs.getPath("/media/d0"),
        BundleListener.NONE);
    new Importer(b).importBundle(Bundle.open(fs.getPath("/media/d0")), BundleListener.NONE);
    bundle = fs.getPath("/media/d1");
    toc =
        Bundle.open(
                e.write(
                        e.plan(CRAN, D1, Optional.empty(), ChunkSize.MIN),
                        bundle,
                        BundleListener.NONE)
                    .dir())
            .toc();
    assertThat(toc.chunks()).hasSizeGreaterThanOrEqualTo(4);
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private Importer.Result importIt() throws IOException {
    return new Importer(b).importBundle(Bundle.open(bundle), BundleListener.NONE);
  }

  private void assertNothingPublishedAndTheEarlierSnapshotVerifies() throws IOException {
    assertThat(b.exists("cran/2026-11-27/manifest.json")).isFalse();
    assertThat(b.latest(CRAN)).contains(D0);
    assertThat(new Verifier(b).verify(CRAN, D0).problems()).isEmpty();
  }

  @Test
  void aFlippedByteInAChunkIsReportedByNameWithExpectedAndActualSha256() throws IOException {
    Toc.Chunk second = toc.chunks().get(1);
    Path p = bundle.resolve(second.name());
    byte[] bytes = Files.readAllBytes(p);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(p, bytes);

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining(second.name() + " is damaged")
        .hasMessageContaining("sha256 " + Sha256.hash(bytes).hex())
        .hasMessageContaining("expected " + second.sha256())
        .hasMessageContaining("nothing of cran/2026-11-27 was published");
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aTruncatedLastChunkIsReportedWithItsSizeAndSha256() throws IOException {
    Toc.Chunk last = toc.chunks().get(toc.chunks().size() - 1);
    Path p = bundle.resolve(last.name());
    byte[] bytes = Files.readAllBytes(p);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 700);
    Files.write(p, cut);

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining(
            last.name() + " is damaged: " + cut.length + " bytes, expected " + bytes.length)
        .hasMessageContaining("sha256 " + Sha256.hash(cut).hex() + ", expected " + last.sha256());
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aDeletedChunkIsNamedBeforeAnythingIsStored() throws IOException {
    Toc.Chunk third = toc.chunks().get(2);
    Files.delete(bundle.resolve(third.name()));
    List<String> pool = b.list("pool");

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining(third.name() + " is missing")
        .hasMessageContaining(third.sha256());
    assertThat(b.list("pool")).isEqualTo(pool);
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aTableOfContentsListingAPathOutsideTheSnapshotIsRefusedBeforeAnyChunkIsRead()
      throws IOException {
    String original = toc.files().get(0).path();
    String text = Files.readString(bundle.resolve(Bundle.TOC_FILE));
    Files.writeString(bundle.resolve(Bundle.TOC_FILE), text.replace(original, "../../etc/passwd"));

    assertThatThrownBy(() -> Bundle.open(bundle))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("'../../etc/passwd'; refused: contains a '..' segment");
  }

  @Test
  void aTarEntryNamedOutsideTheSnapshotIsRefusedEvenWhenTheChunkSha256Matches() throws IOException {
    rewriteFirstChunk(items -> items.get(0).entry.setName("../../etc/passwd"));

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("chunk-0001.tar: entry 1 '../../etc/passwd' is refused")
        .hasMessageContaining("'..'");
    assertThat(fs.getPath("/etc/passwd")).doesNotExist();
    assertThat(fs.getPath("/offline/etc")).doesNotExist();
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void anAbsoluteTarEntryIsRefused() throws IOException {
    rewriteFirstChunk(
        items -> {
          Item first = items.get(0);
          TarArchiveEntry absolute = new TarArchiveEntry("/etc/passwd", true);
          absolute.setSize(first.data.length);
          items.set(0, new Item(absolute, first.data));
        });
    assertThatThrownBy(this::importIt).hasMessageContaining("'/etc/passwd' is refused: absolute");
  }

  @Test
  void aSymbolicLinkEntryIsRefusedThoughItHasTheExpectedName() throws IOException {
    rewriteChunk(
        toc.chunks().size() - 1,
        items -> {
          Item first = items.get(0);
          TarArchiveEntry link =
              new TarArchiveEntry(first.entry.getName(), TarConstants.LF_SYMLINK);
          link.setLinkName("/etc/passwd");
          items.set(0, new Item(link, new byte[0]));
          items.add(padding(first.data));
        });
    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("a symbolic link to '/etc/passwd'; only regular files are allowed");
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aHardLinkEntryIsRefused() throws IOException {
    rewriteChunk(
        toc.chunks().size() - 1,
        items -> {
          Item first = items.get(0);
          TarArchiveEntry link = new TarArchiveEntry(first.entry.getName(), TarConstants.LF_LINK);
          link.setLinkName("../../../etc/shadow");
          items.set(0, new Item(link, new byte[0]));
          items.add(padding(first.data));
        });
    assertThatThrownBy(this::importIt).hasMessageContaining("a hard link to");
  }

  @Test
  void anEntryTheTableOfContentsDoesNotListIsRefused() throws IOException {
    rewriteChunk(
        toc.chunks().size() - 1,
        items -> {
          TarArchiveEntry extra = new TarArchiveEntry("cran/2026-11-27/src/contrib/evil");
          extra.setSize(3);
          items.add(new Item(extra, "bad".getBytes(StandardCharsets.UTF_8)));
        });
    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("chunk-000")
        .hasMessageContaining("unexpected entry 'cran/2026-11-27/src/contrib/evil'");
  }

  @Test
  void aFileWhoseBytesDoNotMatchTheTableOfContentsIsRefusedByName() throws IOException {
    Toc.BundleFile f = toc.files().get(1);
    int holder = 0;
    while (toc.chunks().get(holder).entries().stream().noneMatch(e -> e.path().equals(f.path()))) {
      holder++;
    }
    rewriteChunk(
        holder,
        items -> {
          for (Item i : items) {
            if (i.entry.getName().equals(f.path())) {
              i.data[i.data.length / 2] ^= 1;
            }
          }
        });

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining(f.path() + " in ")
        .hasMessageContaining("is damaged")
        .hasMessageContaining("; expected " + f.size() + " bytes, sha256 " + f.sha256());
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aTableOfContentsThatDisagreesWithTheManifestIsRefusedBeforeAnythingIsStored()
      throws IOException {
    Toc.BundleFile f = toc.files().get(1);
    String fake = "0".repeat(64);
    String text = Files.readString(bundle.resolve(Bundle.TOC_FILE));
    Files.writeString(
        bundle.resolve(Bundle.TOC_FILE),
        text.replace("\"sha256\" : \"" + f.sha256(), "\"sha256\" : \"" + fake));
    List<String> pool = b.list("pool");

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("lists " + f.path() + " with " + f.size() + " bytes, sha256 " + fake)
        .hasMessageContaining("but its manifest says " + f.size() + " bytes, sha256 " + f.sha256());
    assertThat(b.list("pool")).isEqualTo(pool);
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aTableOfContentsWhosePiecesDoNotAddUpToAFileIsRefused() throws IOException {
    Toc.BundleFile f = toc.files().get(0);
    String text = Files.readString(bundle.resolve(Bundle.TOC_FILE));
    String listed = "\"path\" : \"" + f.path() + "\",\n    \"size\" : " + f.size();
    assertThat(text).contains(listed);
    Files.writeString(
        bundle.resolve(Bundle.TOC_FILE),
        text.replace(listed, listed.replace(": " + f.size(), ": " + (f.size() + 1))));

    assertThatThrownBy(() -> Bundle.open(bundle))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining(
            "holds " + f.size() + " bytes of '" + f.path() + "', which has " + (f.size() + 1));
  }

  @Test
  void aFileTheManifestDoesNotListIsRefusedAndNothingIsStored() throws IOException {
    byte[] extra = "not in the manifest".getBytes(StandardCharsets.UTF_8);
    String sha = Sha256.hash(extra).hex();
    String key = Layout.poolFile(new Sha256(sha), "extra_1.0.tar.gz");
    String name = Bundle.chunkName(toc.chunks().size() + 1);
    List<Toc.Chunk> chunks = new ArrayList<>(toc.chunks());
    try (TarChunks.Writer w = new TarChunks.Writer(bundle.resolve(name))) {
      w.begin(key, extra.length);
      w.data().write(extra);
      w.end();
      w.finish();
      chunks.add(
          new Toc.Chunk(name, w.size(), w.sha256(), List.of(new Toc.Entry(key, 0, extra.length))));
    }
    List<Toc.BundleFile> files = new ArrayList<>(toc.files());
    files.add(new Toc.BundleFile(key, extra.length, sha));
    writeToc(chunks, files);
    List<String> pool = b.list("pool");

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("holds " + key + ", which its manifest does not list");
    assertThat(b.list("pool")).isEqualTo(pool);
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void anEntryLongerThanTheTableOfContentsSaysIsRefusedThoughItsChunkSha256Matches()
      throws IOException {
    Exporter e = new Exporter(a);
    bundle = fs.getPath("/media/d1-one-chunk");
    e.write(e.plan(CRAN, D1, Optional.empty(), 1 << 20), bundle, BundleListener.NONE);
    toc = Bundle.open(bundle).toc();
    assertThat(toc.chunks()).hasSize(1);
    Toc.Entry first = toc.chunks().get(0).entries().get(0);
    // The file's own bytes come first, so its sha256 still matches; only the length check objects.
    rewriteFirstChunk(
        items -> {
          Item i = items.get(0);
          byte[] longer = java.util.Arrays.copyOf(i.data, i.data.length + 100);
          i.entry.setSize(longer.length);
          items.set(0, new Item(i.entry, longer));
        });
    List<String> pool = b.list("pool");

    assertThatThrownBy(this::importIt)
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining(
            "chunk-0001.tar: entry 1 '%s' holds %d bytes, expected %d"
                .formatted(first.path(), first.length() + 100, first.length()));
    assertThat(b.list("pool")).isEqualTo(pool);
    assertNothingPublishedAndTheEarlierSnapshotVerifies();
  }

  @Test
  void aDirectoryWithoutTableOfContentsIsAnUnfinishedExport() throws IOException {
    Files.delete(bundle.resolve(Bundle.TOC_FILE));
    assertThatThrownBy(() -> Bundle.open(bundle))
        .isInstanceOf(BadBundleException.class)
        .hasMessageContaining("holds no tintype-bundle.json");
  }

  @Test
  void aNewerBundleFormatVersionIsRefusedNamingTheVersion() throws IOException {
    String text = Files.readString(bundle.resolve(Bundle.TOC_FILE));
    Files.writeString(
        bundle.resolve(Bundle.TOC_FILE), text.replace("\"version\" : 1", "\"version\" : 2"));
    assertThatThrownBy(() -> Bundle.open(bundle))
        .hasMessageContaining("bundle format version 2 is not supported");
  }

  private record Item(TarArchiveEntry entry, byte[] data) {}

  /** Keeps a chunk as large as the table of contents says, so only the entry check can object. */
  private static Item padding(byte[] data) {
    TarArchiveEntry e = new TarArchiveEntry("padding");
    e.setSize(data.length);
    return new Item(e, data);
  }

  /**
   * Rewrites chunk 1 and fixes its size and sha256 in the table of contents, as an attacker can.
   */
  private void rewriteFirstChunk(Consumer<List<Item>> change) throws IOException {
    rewriteChunk(0, change);
  }

  private void rewriteChunk(int index, Consumer<List<Item>> change) throws IOException {
    Toc.Chunk chunk = toc.chunks().get(index);
    Path p = bundle.resolve(chunk.name());
    List<Item> items = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(p))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        items.add(new Item(e, in.readAllBytes()));
      }
    }
    change.accept(items);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(buf, 512)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Item i : items) {
        out.putArchiveEntry(i.entry);
        out.write(i.data);
        out.closeArchiveEntry();
      }
    }
    byte[] bytes = buf.toByteArray();
    Files.write(p, bytes);
    List<Toc.Chunk> chunks = new ArrayList<>(toc.chunks());
    chunks.set(
        index,
        new Toc.Chunk(chunk.name(), bytes.length, Sha256.hash(bytes).hex(), chunk.entries()));
    writeToc(chunks, toc.files());
  }

  /** Replaces the table of contents' chunks and files, as an attacker can. */
  private void writeToc(List<Toc.Chunk> chunks, List<Toc.BundleFile> files) throws IOException {
    Toc changed =
        new Toc(
            toc.format(),
            toc.version(),
            toc.repo(),
            toc.type(),
            toc.date(),
            toc.base(),
            toc.baseManifestSha256(),
            toc.chunkSize(),
            chunks,
            files);
    try (OutputStream out = Files.newOutputStream(bundle.resolve(Bundle.TOC_FILE))) {
      out.write(TocJson.write(changed));
    }
  }

  @SuppressWarnings("unused")
  private static byte[] read(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
