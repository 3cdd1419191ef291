package dev.tintype.sync;

import dev.tintype.fetch.Downloaded;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.storage.KnownDigests;
import dev.tintype.storage.Storage;
import java.io.IOException;

/** Files stored once, by sha256, whatever snapshots reference them. */
public final class Pool {
  private final Storage storage;

  public Pool(Storage storage) {
    this.storage = storage;
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

  /** Whether a pool file described by an earlier manifest is still there, whole. */
  public boolean has(FileEntry e) throws IOException {
    return storage.size(e.path()).map(s -> s == e.size()).orElse(false);
  }
}
