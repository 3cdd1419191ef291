package dev.tintype.sync;

import dev.tintype.fetch.Downloaded;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.storage.KnownDigests;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.util.Optional;

/** Files stored once, by sha256, whatever snapshots reference them. */
public final class Pool {
  private final Storage storage;
  private final Optional<PreviousSnapshot> previous;

  /** A pool that checks every file it is asked about. */
  public Pool(Storage storage) {
    this(storage, Optional.empty());
  }

  /**
   * A pool for a run that builds on {@code previous}: where the storage {@linkplain
   * Storage#checksReusedPoolFiles does not check reused files}, the pool files it lists are taken
   * as there.
   */
  public Pool(Storage storage, Optional<PreviousSnapshot> previous) {
    this.storage = storage;
    this.previous = previous;
  }

  /**
   * Moves a verified download into the pool (skipped if already there) and describes it. Its file
   * is gone once this returns; if this throws, the caller removes it.
   */
  public FileEntry add(Downloaded d, String fileName, boolean keepMd5) throws IOException {
    String key = Layout.poolFile(d.sha256(), fileName);
    put(key, d);
    return new FileEntry(key, d.size(), d.sha256().hex(), keepMd5 ? d.md5() : null);
  }

  /** Stores a companion file (a PEP 658 {@code .metadata}) in the pool dir of another file. */
  public FileEntry addBeside(Downloaded d, dev.tintype.format.layout.Sha256 owner, String fileName)
      throws IOException {
    String key =
        Layout.poolDir(owner)
            + "/"
            + dev.tintype.format.layout.FileName.requireSafe(fileName, "pool file");
    put(key, d);
    return new FileEntry(key, d.size(), d.sha256().hex(), null);
  }

  private void put(String key, Downloaded d) throws IOException {
    if (d.md5() == null) {
      storage.put(key, d.file(), true);
    } else {
      storage.put(key, d.file(), true, new KnownDigests(d.size(), d.sha256().hex(), d.md5()));
    }
  }

  /**
   * Whether the pool holds this file, whole. A file the previous snapshot lists with the same size
   * is taken as there where the storage does not check reused files; any other is asked for.
   */
  public boolean has(FileEntry e) throws IOException {
    if (!storage.checksReusedPoolFiles() && previous.isPresent()) {
      FileEntry listed = previous.get().poolFile(e.path());
      if (listed != null && listed.size() == e.size()) {
        return true;
      }
    }
    return storage.size(e.path()).map(s -> s == e.size()).orElse(false);
  }
}
