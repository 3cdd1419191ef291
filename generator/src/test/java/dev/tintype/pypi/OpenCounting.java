package dev.tintype.pypi;

import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Storage that notes every key opened. */
final class OpenCounting implements dev.tintype.storage.Storage {
  private final dev.tintype.storage.Storage d;
  private final List<String> opened;

  OpenCounting(dev.tintype.storage.Storage d, List<String> opened) {
    this.d = d;
    this.opened = opened;
  }

  @Override
  public java.io.InputStream open(String key) throws IOException {
    opened.add(key);
    return d.open(key);
  }

  @Override
  public String describe() {
    return d.describe();
  }

  @Override
  public boolean exists(String key) throws IOException {
    return d.exists(key);
  }

  @Override
  public Optional<Long> size(String key) throws IOException {
    return d.size(key);
  }

  @Override
  public boolean put(String key, Path source, boolean consume) throws IOException {
    return d.put(key, source, consume);
  }

  @Override
  public boolean put(String key, byte[] content) throws IOException {
    return d.put(key, content);
  }

  @Override
  public void replace(String key, byte[] content) throws IOException {
    d.replace(key, content);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    return d.list(prefix);
  }

  @Override
  public List<String> children(String prefix) throws IOException {
    return d.children(prefix);
  }

  @Override
  public void delete(String key) throws IOException {
    d.delete(key);
  }

  @Override
  public dev.tintype.storage.SnapshotTransaction begin(RepoName repo, SnapshotDate date)
      throws IOException {
    return d.begin(repo, date);
  }

  @Override
  public void pointLatest(RepoName repo, SnapshotDate date) throws IOException {
    d.pointLatest(repo, date);
  }

  @Override
  public Optional<SnapshotDate> latest(RepoName repo) throws IOException {
    return d.latest(repo);
  }

  @Override
  public dev.tintype.storage.StorageLock lock(RepoName repo, String holder, boolean breakStale)
      throws IOException {
    return d.lock(repo, holder, breakStale);
  }

  @Override
  public boolean placesLinks() {
    return d.placesLinks();
  }

  @Override
  public Path scratch() throws IOException {
    return d.scratch();
  }

  @Override
  public void close() throws IOException {
    d.close();
  }
}
