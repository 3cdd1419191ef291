package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds a snapshot in {@code .tintype/staging} and publishes it with one directory rename. Links
 * are placed on the storage's {@link LinkLanes}, each directory's on one lane, while the caller
 * goes on; a link that fails fails the next call, and {@link #commit} waits for all of them.
 */
final class FileSnapshotTransaction implements SnapshotTransaction {
  // Bounds the links waiting for a lane (a path and a task each).
  private static final int MAX_PENDING = 4096;

  private final FileStorage storage;
  private final Path staging;
  private final Path target;
  private final LinkLanes lanes;
  private final DirectoryMaker directories = new DirectoryMaker();
  private final Placer here = new Placer(directories);
  private final Placer[] placers = new Placer[LinkLanes.LANES];
  private final Semaphore slots = new Semaphore(MAX_PENDING);
  private final AtomicReference<IOException> failed = new AtomicReference<>();
  private volatile boolean abandoned;
  private boolean committed;

  FileSnapshotTransaction(FileStorage storage, Path staging, Path target, LinkLanes lanes) {
    this.storage = storage;
    this.staging = staging;
    this.target = target;
    this.lanes = lanes;
    for (int i = 0; i < placers.length; i++) {
      placers[i] = new Placer(directories);
    }
  }

  /**
   * Makes the directories of the files one thread places, remembering the last ones. Each thread
   * has its own: a directory is made on the lane of the files in it, and one that two threads may
   * both make (a parent) is made by the shared {@link DirectoryMaker}, which tolerates that.
   */
  private static final class Placer {
    // The directories made last: files arrive directory by directory, and remembering every one of
    // a PyPI snapshot's (one per project) grew with the repository.
    private final Set<Path> made =
        Collections.newSetFromMap(
            new LinkedHashMap<>(64, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
                return size() > MADE_KEPT;
              }
            });
    private static final int MADE_KEPT = 1024;
    private final DirectoryMaker directories;

    Placer(DirectoryMaker directories) {
      this.directories = directories;
    }

    Path place(Path p) throws IOException {
      Path dir = p.getParent();
      // createDirectories on an existing dir costs a failed mkdir, a stat and an exception: a
      // PyPI snapshot puts two files in each of a hundred thousand dirs.
      if (!made.contains(dir)) {
        directories.make(dir);
        made.add(dir);
      }
      return p;
    }
  }

  private Path resolve(String relative) {
    return staging.resolve(Layout.requireRelative(relative));
  }

  @Override
  public void write(String relative, byte[] content) throws IOException {
    failFast();
    Path p = here.place(resolve(relative));
    Files.write(p, content);
    PublicModes.file(p);
  }

  @Override
  public void write(String relative, Path source) throws IOException {
    failFast();
    Path p = here.place(resolve(relative));
    Files.copy(source, p, StandardCopyOption.REPLACE_EXISTING);
    PublicModes.file(p);
  }

  @Override
  public boolean link(String relative, String poolKey) throws IOException {
    Path p = resolve(relative);
    Path source = storage.path(poolKey);
    int lane = Math.floorMod(p.getParent().hashCode(), placers.length);
    Placer placer = placers[lane];
    enqueue(lane, () -> placeLink(placer, p, source, relative));
    return true;
  }

  private static void placeLink(Placer placer, Path p, Path source, String relative)
      throws IOException {
    placer.place(p);
    try {
      Files.createLink(p, source);
      PublicModes.readable(p);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("two files want the same place '" + relative + "' in the snapshot", e);
    } catch (UnsupportedOperationException e) {
      Files.copy(source, p);
      PublicModes.file(p);
    }
  }

  @Override
  public void carry(String relative, String earlierKey, String sha256) throws IOException {
    link(relative, earlierKey);
  }

  private interface Placement {
    void run() throws IOException;
  }

  private void enqueue(int lane, Placement placement) throws IOException {
    failFast();
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted placing the files of snapshot " + target);
    }
    try {
      lanes.execute(
          lane,
          () -> {
            try {
              if (!abandoned && failed.get() == null) {
                placement.run();
              }
            } catch (IOException e) {
              failed.compareAndSet(null, e);
            } catch (RuntimeException e) {
              failed.compareAndSet(null, new IOException(e.toString(), e));
            } finally {
              slots.release();
            }
          });
    } catch (RejectedExecutionException e) {
      slots.release();
      throw new IOException("the storage was closed while snapshot " + target + " was built", e);
    }
  }

  /** Stops the sync at the first link that failed rather than at the commit. */
  private void failFast() throws IOException {
    IOException e = failed.get();
    if (e != null) {
      throw e;
    }
  }

  /** Waits until every link given is placed or failed. */
  private void drain(boolean interruptible) throws IOException {
    if (interruptible) {
      try {
        slots.acquire(MAX_PENDING);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted placing the files of snapshot " + target);
      }
    } else {
      slots.acquireUninterruptibly(MAX_PENDING);
    }
    slots.release(MAX_PENDING);
  }

  @Override
  public void commit(byte[] manifest) throws IOException {
    drain(true);
    failFast();
    Path p = staging.resolve(Layout.MANIFEST);
    Files.write(p, manifest);
    PublicModes.file(p);
    publish();
  }

  @Override
  public void commit(Path manifest) throws IOException {
    drain(true);
    failFast();
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
      // The lanes skip what is left, and nothing is placed under a tree being deleted.
      abandoned = true;
      drain(false);
      FileTrees.deleteTree(staging);
    }
  }
}
