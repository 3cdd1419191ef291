package dev.tintype.pages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.manifest.Manifest;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * What pages and listings show of a snapshot, read from its manifest in one streamed pass that
 * holds no entry: a large PyPI mirror's manifest lists millions. {@code bytes} is the size of the
 * snapshot's own files and of the pool files it references.
 */
public record ManifestSummary(String repo, String type, String date, int packages, long bytes) {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The summary of a published snapshot, from its copy under {@link Layout#summary} where one was
   * kept, else read from the manifest and kept there. A manifest never changes once published (a
   * purge leaves it as it was), so a kept summary stays true; the root page, written after every
   * publish, would otherwise read every manifest of every snapshot each time.
   */
  public static ManifestSummary cached(Storage storage, RepoName repo, SnapshotDate date)
      throws IOException {
    String key = Layout.summary(repo, date);
    ManifestSummary kept = null;
    // One GET, not a HEAD first: the root page reads the summary of every snapshot after each sync.
    try (InputStream in = storage.open(key)) {
      kept = parseKept(new String(in.readNBytes(4096), StandardCharsets.UTF_8), repo, date);
    } catch (NoSuchFileException e) {
      // not kept yet
    }
    if (kept != null) {
      return kept;
    }
    // Absent (a snapshot published before summaries were kept) or not ours: read it again.
    ManifestSummary m = read(storage, repo, date);
    keep(storage, repo, date, m);
    return m;
  }

  /**
   * Keeps {@code m} as the summary of the published snapshot {@code repo/date}, for {@link
   * #cached}: a sync that has just written the manifest knows what reading it would give.
   */
  public static void keep(Storage storage, RepoName repo, SnapshotDate date, ManifestSummary m)
      throws IOException {
    storage.replace(Layout.summary(repo, date), m.kept().getBytes(StandardCharsets.UTF_8));
  }

  private static final String KEPT = "tintype-summary-1";

  private String kept() {
    return String.join(
            "\t", KEPT, repo, type, date, Integer.toString(packages), Long.toString(bytes))
        + "\n";
  }

  private static ManifestSummary parseKept(String text, RepoName repo, SnapshotDate date) {
    String[] f = text.strip().split("\t", -1);
    if (f.length != 6 || !f[0].equals(KEPT)) {
      return null;
    }
    if (!f[1].equals(repo.name()) || !f[3].equals(date.toString())) {
      return null;
    }
    try {
      return new ManifestSummary(f[1], f[2], f[3], Integer.parseInt(f[4]), Long.parseLong(f[5]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static ManifestSummary read(Storage storage, RepoName repo, SnapshotDate date)
      throws IOException {
    String key = Layout.manifest(repo, date);
    try (InputStream in = storage.open(key)) {
      return read(in, key);
    }
  }

  /**
   * Reads the manifest in {@code in} up to its end (not closing it); {@code source} names it in
   * errors.
   */
  public static ManifestSummary read(InputStream in, String source) throws IOException {
    String repo = null;
    String type = null;
    String date = null;
    Integer packages = null;
    long bytes = 0;
    try (JsonParser p = JSON.createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad(source, "expected an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        switch (key) {
          case "format" -> {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != Manifest.FORMAT) {
              throw bad(source, "manifest format " + p.getText() + " is not supported");
            }
          }
          case "repo" -> repo = text(p, t, key, source);
          case "type" -> type = text(p, t, key, source);
          case "date" -> date = text(p, t, key, source);
          case "packages" -> packages = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
          case "files", "pool" -> bytes += sizes(p, t, key, source);
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": unreadable manifest: " + e.getOriginalMessage(), e);
    }
    if (repo == null || type == null || date == null || packages == null) {
      throw bad(source, "lacks its repo, type, date or packages");
    }
    return new ManifestSummary(repo, type, date, packages, bytes);
  }

  private static long sizes(JsonParser p, JsonToken t, String list, String source)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw bad(source, "expected an array for " + list);
    }
    long sum = 0;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        if (key.equals("size") && v == JsonToken.VALUE_NUMBER_INT) {
          sum += p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw bad(source, "expected entries in " + list);
    }
    return sum;
  }

  private static String text(JsonParser p, JsonToken t, String key, String source)
      throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw bad(source, "expected a string for " + key);
    }
    return p.getText();
  }

  private static IOException bad(String source, String why) {
    return new IOException(source + ": invalid manifest: " + why);
  }
}
