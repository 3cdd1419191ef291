package dev.tintype.purge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tintype.format.layout.Layout;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code .tintype/purges.json}: every purge ever made, so that verify can tell a purged file from a
 * damaged one and sync and import never bring one back.
 */
public record Purges(@JsonProperty(value = "purges", required = true) List<Purge> purges) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Purges {
    purges = purges == null ? List.of() : List.copyOf(purges);
  }

  /** One purge: when (UTC), of which repository, what was asked for, what went and why. */
  public record Purge(
      @JsonProperty(value = "date", required = true) String date,
      @JsonProperty(value = "repo", required = true) String repo,
      @JsonProperty("project") String project,
      @JsonProperty(value = "files", required = true) List<PurgedFile> files,
      @JsonProperty(value = "reason", required = true) String reason) {
    public Purge {
      files = List.copyOf(files);
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a purge needs a reason");
      }
    }
  }

  /** A deleted pool file, by key and digest. */
  public record PurgedFile(
      @JsonProperty(value = "pool", required = true) String pool,
      @JsonProperty(value = "sha256", required = true) String sha256) {
    public PurgedFile {
      Layout.poolKey(pool);
    }
  }

  /** The record on a storage; empty when nothing was ever purged. */
  public static Purges read(Storage storage) throws IOException {
    try (InputStream in = storage.open(Layout.purges())) {
      return JSON.readValue(in, Purges.class);
    } catch (NoSuchFileException e) {
      return new Purges(List.of());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(
          Layout.purges() + " on " + storage.describe() + " is not a purge record: " + e, e);
    }
  }

  /** Adds one purge to the record, replacing it atomically. The caller holds a lock. */
  public static void append(Storage storage, Purge purge) throws IOException {
    List<Purge> all = new ArrayList<>(read(storage).purges());
    all.add(purge);
    storage.replace(Layout.purges(), JSON.writeValueAsBytes(new Purges(all)));
  }

  /**
   * The purges that deleted any of {@code keys}, each with only those of its files; in the order
   * they were made.
   */
  public List<Purge> restrictedTo(Set<String> keys) {
    List<Purge> out = new ArrayList<>();
    for (Purge p : purges) {
      List<PurgedFile> files = p.files().stream().filter(f -> keys.contains(f.pool())).toList();
      if (!files.isEmpty()) {
        out.add(new Purge(p.date(), p.repo(), p.project(), files, p.reason()));
      }
    }
    return out;
  }

  /**
   * Adds to the record the purges (such as a bundle's) of files it does not have yet, replacing it
   * atomically; returns those added. The caller holds a lock.
   */
  public static List<Purge> merge(Storage storage, List<Purge> more) throws IOException {
    Purges current = read(storage);
    Set<String> known = current.poolKeys();
    List<Purge> added = new ArrayList<>();
    for (Purge p : more) {
      List<PurgedFile> files = p.files().stream().filter(f -> !known.contains(f.pool())).toList();
      if (!files.isEmpty()) {
        added.add(new Purge(p.date(), p.repo(), p.project(), files, p.reason()));
        files.forEach(f -> known.add(f.pool()));
      }
    }
    if (!added.isEmpty()) {
      List<Purge> all = new ArrayList<>(current.purges());
      all.addAll(added);
      storage.replace(Layout.purges(), JSON.writeValueAsBytes(new Purges(all)));
    }
    return added;
  }

  /** The pool keys of every purged file. */
  public Set<String> poolKeys() {
    Set<String> out = new HashSet<>();
    for (Purge p : purges) {
      for (PurgedFile f : p.files()) {
        out.add(f.pool());
      }
    }
    return out;
  }

  /** The sha256 of every purged file. */
  public Set<String> sha256s() {
    Set<String> out = new HashSet<>();
    for (Purge p : purges) {
      for (PurgedFile f : p.files()) {
        out.add(f.sha256());
      }
    }
    return out;
  }
}
