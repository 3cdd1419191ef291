package dev.tintype.shard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tintype.format.manifest.FileEntry;
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

  /** 2: with the pages and serials a publish builds from (1 had only digests and files). */
  public static final int FORMAT = 2;

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

  /**
   * One repository's share: the upstream index digest of each contrib dir (or serial of each
   * project), the pool files, and what the publish builds from instead of upstream: each page or
   * index the shard read, by URL ({@link Page}), and the serials of its projects in upstream's
   * project list (PyPI).
   */
  @JsonPropertyOrder({"repo", "upstream-digests", "files", "pages", "serials"})
  public record Repo(
      @JsonProperty(value = "repo", required = true) String repo,
      @JsonProperty(value = "upstream-digests", required = true) Map<String, String> digests,
      @JsonProperty(value = "files", required = true) List<FileEntry> files,
      @JsonProperty("pages") Map<String, Page> pages,
      @JsonProperty("serials") Map<String, Long> serials) {
    public Repo {
      digests = new TreeMap<>(digests);
      files = List.copyOf(files);
      pages = pages == null ? Map.of() : new TreeMap<>(pages);
      serials = serials == null ? Map.of() : new TreeMap<>(serials);
    }

    public Repo(String repo, Map<String, String> digests, List<FileEntry> files) {
      this(repo, digests, files, Map.of(), Map.of());
    }
  }

  /**
   * A page or index upstream gave a shard: its body is stored once per run at {@link
   * dev.tintype.format.layout.Layout#runUpstream} by {@code sha256}, which is null where upstream
   * had no such page (404); {@code url} is where it was finally read from (after redirects), and
   * {@code headers} the response headers the mirrors read.
   */
  @JsonPropertyOrder({"sha256", "url", "headers"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Page(
      @JsonProperty("sha256") String sha256,
      @JsonProperty("url") String url,
      @JsonProperty("headers") Map<String, String> headers) {
    public Page {
      if (sha256 != null && !dev.tintype.format.layout.Sha256.isLowerHex(sha256, 64)) {
        throw new IllegalArgumentException("a stored page's sha256 is 64 hex digits: " + sha256);
      }
      headers = headers == null ? Map.of() : new TreeMap<>(headers);
    }

    /** Upstream had no such page. */
    public static final Page ABSENT = new Page(null, null, Map.of());

    public boolean absent() {
      return sha256 == null;
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
