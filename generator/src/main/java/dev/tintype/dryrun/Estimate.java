package dev.tintype.dryrun;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a sync of one repository would do, worked out without downloading a package file or writing
 * to storage.
 *
 * @param packages index records (PyPI: projects) the snapshot would list
 * @param files pool files the snapshot would reference
 * @param fetchFiles of those, the files the sync would download
 * @param fetchBytes the size of those whose size is known
 * @param unknownSizes how many of them have no known size (upstream listed none, or a HEAD request
 *     failed or declared no length)
 * @param carriedBytes the size of the files already in the pool
 * @param dropped what upstream lists that the snapshot would leave out, counted by reason
 * @param note why nothing would happen, or empty
 */
public record Estimate(
    String repo,
    long packages,
    long files,
    long fetchFiles,
    long fetchBytes,
    long unknownSizes,
    long carriedBytes,
    Map<String, Long> dropped,
    String note) {
  public Estimate {
    Objects.requireNonNull(repo, "repo");
    dropped = Map.copyOf(dropped);
    Objects.requireNonNull(note, "note");
  }

  /** A repository for which there is nothing to count, and why. */
  public static Estimate nothing(String repo, String note) {
    return new Estimate(repo, 0, 0, 0, 0, 0, 0, Map.of(), note);
  }

  /** The reasons for what is left out, the most frequent first (then by reason). */
  public Map<String, Long> topReasons(int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    new TreeMap<>(dropped)
        .entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(n)
            .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Adds up what several parts of one repository (contrib dirs, projects) would do. */
  public static final class Tally {
    private long packages;
    private long files;
    private long fetchFiles;
    private long fetchBytes;
    private long unknownSizes;
    private long carriedBytes;
    private final Map<String, Long> dropped = new TreeMap<>();

    public void packages(long n) {
      packages += n;
    }

    /** A file the sync would download, of {@code size} bytes (-1: unknown). */
    public void fetch(long size) {
      files++;
      fetchFiles++;
      if (size < 0) {
        unknownSizes++;
      } else {
        fetchBytes += size;
      }
    }

    /** A file already in the pool that the snapshot would reference. */
    public void carry(long size) {
      files++;
      carriedBytes += size;
    }

    public void drop(String reason, long n) {
      if (n > 0) {
        dropped.merge(reason, n, Long::sum);
      }
    }

    public Estimate estimate(String repo) {
      return new Estimate(
          repo, packages, files, fetchFiles, fetchBytes, unknownSizes, carriedBytes, dropped, "");
    }
  }
}
