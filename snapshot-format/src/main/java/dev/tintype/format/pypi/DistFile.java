package dev.tintype.format.pypi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a project as the Simple API describes it.
 *
 * <p>The constructor validates and canonicalizes: the filename must be safe to use as one path
 * segment, digests are sorted with lower-case hex, a blank {@code requiresPython} becomes null, and
 * {@code uploadTime} is truncated to the microseconds PEP 700 can carry.
 *
 * @param yanked null when not yanked, "" when yanked without a reason, else the reason
 * @param coreMetadata null when no PEP 658 metadata file exists, an empty map when one exists
 *     without known digests, else its digests
 * @param provenance the URL of the file's PEP 740 provenance object, or null when it has none;
 *     upstream's may end in a {@code #sha256=} fragment, which {@link #provenanceSha256} reads
 */
public record DistFile(
    String filename,
    String url,
    SortedMap<String, String> hashes,
    String requiresPython,
    String yanked,
    SortedMap<String, String> coreMetadata,
    Long size,
    Instant uploadTime,
    String provenance) {
  static final int MAX_FILENAME_BYTES = 255;
  private static final Pattern SHA256_FRAGMENT = Pattern.compile("#sha256=([0-9A-Fa-f]{64})");

  /** A file without provenance. */
  public DistFile(
      String filename,
      String url,
      SortedMap<String, String> hashes,
      String requiresPython,
      String yanked,
      SortedMap<String, String> coreMetadata,
      Long size,
      Instant uploadTime) {
    this(filename, url, hashes, requiresPython, yanked, coreMetadata, size, uploadTime, null);
  }

  public DistFile {
    checkFilename(filename);
    if (url == null || url.isEmpty() || Checks.hasControlChar(url)) {
      throw new IllegalArgumentException(
          "file '"
              + filename
              + "': expected a non-empty URL without control characters, found "
              + (url == null ? "null" : "'" + Checks.printable(url) + "'"));
    }
    hashes = Checks.digests("hash", filename, hashes == null ? Map.of() : hashes);
    if (requiresPython != null && requiresPython.isBlank()) {
      requiresPython = null;
    }
    if (coreMetadata != null) {
      coreMetadata = Checks.digests("core-metadata hash", filename, coreMetadata);
    }
    if (size != null && size < 0) {
      throw new IllegalArgumentException(
          "file '" + filename + "': expected a size >= 0, found " + size);
    }
    if (uploadTime != null) {
      uploadTime = uploadTime.truncatedTo(ChronoUnit.MICROS);
    }
    if (provenance != null && provenance.isBlank()) {
      provenance = null;
    }
    if (provenance != null && Checks.hasControlChar(provenance)) {
      throw new IllegalArgumentException(
          "file '"
              + filename
              + "': expected a provenance URL without control characters, found '"
              + Checks.printable(provenance)
              + "'");
    }
  }

  public boolean isYanked() {
    return yanked != null;
  }

  /** The same file served from another place, e.g. a snapshot's pool. */
  public DistFile withUrl(String url) {
    return new DistFile(
        filename, url, hashes, requiresPython, yanked, coreMetadata, size, uploadTime, provenance);
  }

  /** The same file with another provenance URL, or none (null). */
  public DistFile withProvenance(String provenance) {
    return new DistFile(
        filename, url, hashes, requiresPython, yanked, coreMetadata, size, uploadTime, provenance);
  }

  /**
   * The sha256 (lower-case hex) that upstream's provenance URL gives in a {@code #sha256=}
   * fragment, as PEP 740 first specified; null when it gives none.
   */
  public String provenanceSha256() {
    if (provenance == null) {
      return null;
    }
    Matcher m = SHA256_FRAGMENT.matcher(provenance);
    return m.find() && m.end() == provenance.length() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The provenance URL without its fragment: where to fetch it from. */
  public String provenanceUrl() {
    if (provenance == null) {
      return null;
    }
    int hash = provenance.indexOf('#');
    return hash < 0 ? provenance : provenance.substring(0, hash);
  }

  private static void checkFilename(String filename) {
    String problem = null;
    if (filename == null || filename.isEmpty()) {
      problem = "is empty";
    } else if (filename.indexOf('/') >= 0 || filename.indexOf('\\') >= 0) {
      problem = "contains a path separator";
    } else if (filename.contains("..")) {
      problem = "contains '..'";
    } else if (Checks.hasControlChar(filename)) {
      problem = "contains a control character";
    } else if (filename.startsWith(".")) {
      problem = "starts with '.'";
    } else if (filename.getBytes(StandardCharsets.UTF_8).length > MAX_FILENAME_BYTES) {
      problem = "is longer than " + MAX_FILENAME_BYTES + " bytes";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "file '"
              + (filename == null ? "null" : Checks.printable(filename))
              + "': expected a plain file name, but it "
              + problem);
    }
  }
}
