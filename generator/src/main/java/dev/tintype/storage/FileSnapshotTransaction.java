package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds a snapshot in {@code .tintype/staging} and publishes it with one directory rename. */
final class FileSnapshotTransaction implements SnapshotTransaction {
  private final FileStorage storage;
  private final Path staging;
  private final Path target;
  // The directories made last: files arrive directory by directory, and remembering every one of a
  // PyPI snapshot's (one per project) grew with the repository.
  private final Set<Path> made =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
                  return size() > MADE_KEPT;
                }
              }));
  private static final int MADE_KEPT = 1024;
  private final DirectoryMaker directories = new DirectoryMaker();
  private boolean committed;

  FileSnapshotTransaction(FileStorage storage, Path staging, Path target) {
    this.storage = storage;
    this.staging = staging;
    this.target = target;
  }

  private Path place(String relative) throws IOException {
    String checked = Layout.requireRelative(relative);
    Path p = staging.resolve(checked);
    Path dir = p.getParent();
    // createDirectories on an existing dir costs a failed mkdir, a stat and an exception: a PyPI
    // snapshot puts two files in each of a hundred thousand dirs.
    if (!made.contains(dir)) {
      directories.make(dir);
      made.add(dir);
    }
    return p;
  }

  @Override
  public void write(String relative, byte[] content) throws IOException {
    Path p = place(relative);
    Files.write(p, content);
    PublicModes.file(p);
  }

  @Override
  public void write(String relative, Path source) throws IOException {
    Path p = place(relative);
    Files.copy(source, p, StandardCopyOption.REPLACE_EXISTING);
    PublicModes.file(p);
  }

  @Override
  public boolean link(String relative, String poolKey) throws IOException {
    Path p = place(relative);
    try {
      Files.createLink(p, storage.path(poolKey));
      PublicModes.readable(p);
      return true;
    } catch (FileAlreadyExistsException e) {
      throw new IOException("two files want the same place '" + relative + "' in the snapshot", e);
    } catch (UnsupportedOperationException e) {
      Files.copy(storage.path(poolKey), p);
      PublicModes.file(p);
      return true;
    }
  }

  @Override
  public void carry(String relative, String earlierKey, String sha256) throws IOException {
    link(relative, earlierKey);
  }

  @Override
  public void commit(byte[] manifest) throws IOException {
    Path p = staging.resolve(Layout.MANIFEST);
    Files.write(p, manifest);
    PublicModes.file(p);
    publish();
  }

  @Override
  public void commit(Path manifest) throws IOException {
    Path p = staging.resolve(Layout.MANIFEST);
    Files.move(manifest, p);
    PublicModes.file(p);
    publish();
  }

  private void publish() throws IOException {
    PublicModes.directories(target.getParent());
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(
          target.toString(), null, "snapshot already published; it is never rewritten");
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      FileTrees.deleteTree(staging);
    }
  }
}
