package dev.tintype.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.Purges;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bundle's table of contents ({@code tintype-bundle.json}): the snapshot it carries, the base
 * snapshot of an incremental bundle, every chunk with its size, sha256 and exact tar entries, and
 * every file with its size and sha256, and the purges of pool files the snapshot lists but the
 * bundle leaves out (written only when there are any, so that a bundle without them reads in older
 * tintypes). Checked for shape here, for meaning by {@link Bundle}. A full bundle has a null base.
 */
@JsonPropertyOrder({
  "format",
  "version",
  "repo",
  "type",
  "date",
  "base",
  "baseManifestSha256",
  "chunkSize",
  "chunks",
  "files",
  "purges"
})
public record Toc(
    @JsonProperty("format") String format,
    @JsonProperty("version") int version,
    @JsonProperty("repo") String repo,
    @JsonProperty("type") String type,
    @JsonProperty("date") String date,
    @JsonProperty("base") String base,
    @JsonProperty("baseManifestSha256") String baseManifestSha256,
    @JsonProperty("chunkSize") long chunkSize,
    @JsonProperty("chunks") List<Chunk> chunks,
    @JsonProperty("files") List<BundleFile> files,
    @JsonProperty("purges") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Purges.Purge> purges) {

  public static final String FORMAT = "tintype-bundle";
  public static final int VERSION = 1;
  private static final Pattern CHUNK_NAME = Pattern.compile("chunk-[0-9]{4,9}\\.tar");

  public Toc {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "not a tintype bundle: format '" + format + "', expected '" + FORMAT + "'");
    }
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "bundle format version %d is not supported (this tintype reads %d)"
              .formatted(version, VERSION));
    }
    new RepoName(repo);
    SnapshotDate.parse(date);
    Objects.requireNonNull(type, "type");
    if ((base == null) != (baseManifestSha256 == null)) {
      throw new IllegalArgumentException("base and baseManifestSha256 go together");
    }
    if (base != null) {
      if (SnapshotDate.parse(base).compareTo(SnapshotDate.parse(date)) >= 0) {
        throw new IllegalArgumentException(
            "base snapshot " + base + " is not older than the bundle's snapshot " + date);
      }
      new Sha256(baseManifestSha256);
    }
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunk size " + chunkSize + " is not positive");
    }
    chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
    files = List.copyOf(Objects.requireNonNull(files, "files"));
    purges = purges == null ? List.of() : List.copyOf(purges);
  }

  /** A table of contents of a bundle that leaves no purged file out. */
  public Toc(
      String format,
      int version,
      String repo,
      String type,
      String date,
      String base,
      String baseManifestSha256,
      long chunkSize,
      List<Chunk> chunks,
      List<BundleFile> files) {
    this(
        format,
        version,
        repo,
        type,
        date,
        base,
        baseManifestSha256,
        chunkSize,
        chunks,
        files,
        List.of());
  }

  /** The pool keys the bundle leaves out because they were purged. */
  public java.util.Set<String> purgedKeys() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Purges.Purge p : purges) {
      p.files().forEach(f -> out.add(f.pool()));
    }
    return out;
  }

  public RepoName repoName() {
    return new RepoName(repo);
  }

  public SnapshotDate snapshotDate() {
    return SnapshotDate.parse(date);
  }

  public java.util.Optional<SnapshotDate> baseDate() {
    return java.util.Optional.ofNullable(base).map(SnapshotDate::parse);
  }

  /** The sum of the files' sizes. */
  public long bytes() {
    return files.stream().mapToLong(BundleFile::size).sum();
  }

  /** One tar file of the bundle, and the entries it holds, in order. */
  @JsonPropertyOrder({"name", "size", "sha256", "entries"})
  public record Chunk(
      @JsonProperty("name") String name,
      @JsonProperty("size") long size,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("entries") List<Entry> entries) {
    public Chunk {
      if (name == null || !CHUNK_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "bad chunk name '" + name + "': expected chunk-NNNN.tar");
      }
      if (size < 0) {
        throw new IllegalArgumentException(name + ": negative size " + size);
      }
      new Sha256(sha256);
      entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
  }

  /** One tar entry: the bytes {@code [offset, offset + length)} of the file named {@code path}. */
  @JsonPropertyOrder({"path", "offset", "length"})
  public record Entry(
      @JsonProperty("path") String path,
      @JsonProperty("offset") long offset,
      @JsonProperty("length") long length) {
    public Entry {
      Objects.requireNonNull(path, "path");
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException(
            path + ": bad piece offset " + offset + " length " + length);
      }
    }
  }

  /** A file the bundle carries: a storage key with its size and sha256. */
  @JsonPropertyOrder({"path", "size", "sha256"})
  public record BundleFile(
      @JsonProperty("path") String path,
      @JsonProperty("size") long size,
      @JsonProperty("sha256") String sha256) {
    public BundleFile {
      Objects.requireNonNull(path, "path");
      if (size < 0) {
        throw new IllegalArgumentException(path + ": negative size " + size);
      }
      new Sha256(sha256);
    }
  }
}
