package dev.tintype.shard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tintype.format.manifest.FileEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one shard of a run did, stored at {@code .tintype/runs/<run>/shard-<I>.json}: per
 * repository, the pool files it fetched (sizes and hashes) and the digest of each upstream index it
 * planned from, and what failed. {@code complete} is false while the shard runs (it checkpoints
 * after each batch of files) and stays false if it was killed.
 */
@JsonPropertyOrder({"format", "run", "shard", "shards", "date", "complete", "repos", "failures"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardResult(
    @JsonProperty(value = "format", required = true) int format,
    @JsonProperty(value = "run", required = true) String run,
    @JsonProperty(value = "shard", required = true) int shard,
    @JsonProperty(value = "shards", required = true) int shards,
    @JsonProperty(value = "date", required = true) String date,
    @JsonProperty(value = "complete", required = true) boolean complete,
    @JsonProperty(value = "repos", required = true) List<Repo> repos,
    @JsonProperty(value = "failures", required = true) List<Failure> failures) {

  public static final int FORMAT = 1;

  public ShardResult {
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "shard result format " + format + " is not supported (expected " + FORMAT + ")");
    }
    new ShardSpec(shard, shards);
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(date, "date");
    repos = List.copyOf(repos);
    failures = List.copyOf(failures);
  }

  /** One repository's share: the upstream index digest of each contrib dir, and the files. */
  @JsonPropertyOrder({"repo", "upstream-digests", "files"})
  public record Repo(
      @JsonProperty(value = "repo", required = true) String repo,
      @JsonProperty(value = "upstream-digests", required = true) Map<String, String> digests,
      @JsonProperty(value = "files", required = true) List<FileEntry> files) {
    public Repo {
      digests = new TreeMap<>(digests);
      files = List.copyOf(files);
    }

    Repo plus(String dir, String digest, List<FileEntry> more) {
      Map<String, String> d = new TreeMap<>(digests);
      if (dir != null) {
        d.put(dir, digest);
      }
      // By path: a rerun hands back files its earlier attempt recorded.
      Map<String, FileEntry> f = new java.util.LinkedHashMap<>();
      for (FileEntry e : files) {
        f.put(e.path(), e);
      }
      for (FileEntry e : more) {
        f.put(e.path(), e);
      }
      return new Repo(repo, d, new ArrayList<>(f.values()));
    }
  }

  /** What failed, in a repository. */
  @JsonPropertyOrder({"repo", "error"})
  public record Failure(
      @JsonProperty(value = "repo", required = true) String repo,
      @JsonProperty(value = "error", required = true) String error) {}

  /** The share of {@code repo}, if this shard recorded one. */
  public java.util.Optional<Repo> repo(String name) {
    return repos.stream().filter(r -> r.repo().equals(name)).findFirst();
  }

  /** Whether publish can use it: the shard finished, and nothing failed. */
  public boolean succeeded() {
    return complete && failures.isEmpty();
  }
}
