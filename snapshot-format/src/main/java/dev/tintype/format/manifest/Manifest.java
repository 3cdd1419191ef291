package dev.tintype.format.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a published snapshot holds: its own files, the pool files it references, and the hard
 * links that put pool files at their standard places. Written last; a snapshot exists only once its
 * manifest does.
 */
@JsonPropertyOrder({
  "format",
  "repo",
  "type",
  "date",
  "packages",
  "properties",
  "files",
  "links",
  "pool"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    @JsonProperty(value = "format", required = true) int format,
    @JsonProperty(value = "repo", required = true) String repo,
    @JsonProperty(value = "type", required = true) String type,
    @JsonProperty(value = "date", required = true) String date,
    @JsonProperty(value = "packages", required = true) int packages,
    @JsonProperty("properties") Map<String, String> properties,
    @JsonProperty(value = "files", required = true) List<FileEntry> files,
    @JsonProperty("links") List<LinkEntry> links,
    @JsonProperty(value = "pool", required = true) List<FileEntry> pool) {

  public static final int FORMAT = 1;

  public Manifest {
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "manifest format " + format + " is not supported (expected " + FORMAT + ")");
    }
    new RepoName(repo);
    SnapshotDate.parse(date);
    Objects.requireNonNull(type, "type");
    if (packages < 0) {
      throw new IllegalArgumentException("negative package count " + packages);
    }
    properties = properties == null ? Map.of() : new TreeMap<>(properties);
    files = sorted(files, Comparator.comparing(FileEntry::path));
    links = sorted(links, Comparator.comparing(LinkEntry::path));
    pool = sorted(pool, Comparator.comparing(FileEntry::path));
  }

  public RepoName repoName() {
    return new RepoName(repo);
  }

  public SnapshotDate snapshotDate() {
    return SnapshotDate.parse(date);
  }

  /** Total bytes of the snapshot's own files and of the pool files it references. */
  public long totalBytes() {
    return files.stream().mapToLong(FileEntry::size).sum()
        + pool.stream().mapToLong(FileEntry::size).sum();
  }

  private static <T> List<T> sorted(List<T> in, Comparator<T> order) {
    List<T> out = new ArrayList<>(in == null ? List.of() : in);
    out.sort(order);
    return List.copyOf(out);
  }
}
