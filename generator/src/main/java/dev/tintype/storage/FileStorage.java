package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Storage on a local or network filesystem: atomic renames, hard links and a symlink latest. */
public final class FileStorage implements Storage {
  private final Path root;
  private final DirectoryMaker directories = new DirectoryMaker();
  private LinkLanes lanes;

  public FileStorage(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    PublicModes.directories(this.root);
  }

  public Path root() {
    return root;
  }

  /** The local path of a key: only for callers that know they run on a filesystem. */
  public Path path(String key) {
    if (key.startsWith("/") || key.contains("..") || key.contains("//")) {
      throw new IllegalArgumentException("bad storage key '" + key + "'");
    }
    return root.resolve(key);
  }

  @Override
  public String describe() {
    return "filesystem " + root;
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(path(key));
  }

  @Override
  public Optional<Long> size(String key) throws IOException {
    // One stat: a nightly asks this of every pool file its previous snapshot references.
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path(key), BasicFileAttributes.class);
    } catch (IOException e) {
      return Optional.empty(); // as Files.isRegularFile answers: missing, or not readable as one
    }
    return a.isRegularFile() ? Optional.of(a.size()) : Optional.empty();
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return Files.newInputStream(path(key));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(key, null, "no such object in " + describe());
    }
  }

  @Override
  public boolean put(String key, Path source, boolean consume) throws IOException {
    Path target = path(key);
    if (consume) {
      // The download is ours and nobody has seen it: set its mode where it lies and link it into
      // place, with no temporary name beside the target (one rename, two chmods and three stats
      // fewer for most new pool files). Callers consume what the pool lacks, so the link is tried
      // first and an existing target is met by its EEXIST, not looked for.
      PublicModes.file(source);
      // As the move it replaces, this needs the source on the pool's filesystem (the scratch dir).
      directories.make(target.getParent());
      return finish(key, source, target);
    }
    if (Files.exists(target)) {
      requireSame(key, target, source);
      PublicModes.readable(target);
      return false;
    }
    Path tmp = tempBeside(target);
    Files.copy(source, tmp);
    PublicModes.file(tmp);
    return finish(key, tmp, target);
  }

  @Override
  public boolean put(String key, byte[] content) throws IOException {
    Path target = path(key);
    if (Files.exists(target)) {
      if (Files.size(target) != content.length
          || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
        throw new StorageConflictException(key, "stored content differs");
      }
      return false;
    }
    Path tmp = tempBeside(target);
    Files.write(tmp, content);
    PublicModes.file(tmp);
    return finish(key, tmp, target);
  }

  @Override
  public void replace(String key, byte[] content) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path tmp = tempBeside(target);
    try {
      Files.write(tmp, content);
      PublicModes.file(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private boolean finish(String key, Path tmp, Path target) throws IOException {
    try {
      // A concurrent writer may have won the race; link-then-compare keeps the no-overwrite rule.
      Files.createLink(target, tmp);
      Files.delete(tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      try {
        requireSame(key, target, tmp);
        PublicModes.readable(target);
        return false;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (UnsupportedOperationException e) {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  private static void requireSame(String key, Path existing, Path candidate) throws IOException {
    long a = Files.size(existing);
    long b = Files.size(candidate);
    if (a != b) {
      throw new StorageConflictException(key, "stored size " + a + ", new size " + b);
    }
    if (Files.mismatch(existing, candidate) != -1) {
      throw new StorageConflictException(key, "same size, different bytes");
    }
  }

  private Path tempBeside(Path target) throws IOException {
    directories.make(target.getParent());
    return target.resolveSibling(".tmp-" + UUID.randomUUID() + "-" + target.getFileName());
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path dir = path(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
    }
    out.sort(null);
    return out;
  }

  @Override
  public Iterator<String> listing(String prefix) throws IOException {
    return new SortedWalk(root, path(prefix));
  }

  @Override
  public List<String> children(String prefix) throws IOException {
    Path dir = prefix.isEmpty() ? root : path(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        out.add(p.getFileName().toString());
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  @Override
  public void deleteSnapshot(RepoName repo, SnapshotDate date) throws IOException {
    Path dir = path(Layout.snapshot(repo, date));
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path trash = path(Layout.trashOf(repo)).resolve(date + "-" + UUID.randomUUID());
    Files.createDirectories(trash.getParent());
    // One rename takes the whole snapshot out of what nginx serves; a crash after it leaves only
    // trash, which the next gc removes as abandoned.
    Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.deleteTree(trash);
  }

  @Override
  public List<String> abandoned(RepoName repo) throws IOException {
    List<String> out = new ArrayList<>();
    for (String base : List.of(Layout.stagingOf(repo), Layout.trashOf(repo))) {
      for (String child : children(base)) {
        out.add(base + "/" + child);
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public void deleteAbandoned(String key) throws IOException {
    Path p = path(key);
    Path parent = p.getParent();
    String under = parent == null ? "" : root.relativize(parent).toString().replace('\\', '/');
    RepoName repo = new RepoName(parent.getFileName().toString());
    if (!under.equals(Layout.stagingOf(repo)) && !under.equals(Layout.trashOf(repo))) {
      throw new IllegalArgumentException(
          "'" + key + "' is not a staging or trash directory of a repository");
    }
    FileTrees.deleteTree(p);
  }

  @Override
  public void removeEmptyParents(String key, String stop) throws IOException {
    Path top = path(stop);
    for (Path d = path(key).getParent(); d != null && d.startsWith(top) && !d.equals(top); ) {
      try {
        Files.deleteIfExists(d);
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        return; // other files live here, or a sync stored one meanwhile
      }
      d = d.getParent();
    }
  }

  @Override
  public SnapshotTransaction begin(RepoName repo, SnapshotDate date) throws IOException {
    Path staging = path(Layout.staging(repo, date));
    FileTrees.deleteTree(staging); // left by a crashed run; never served, so safe to drop
    // The staging dir becomes the snapshot dir on commit.
    PublicModes.directories(staging);
    return new FileSnapshotTransaction(this, staging, path(Layout.snapshot(repo, date)), lanes());
  }

  @Override
  public void pointLatest(RepoName repo, SnapshotDate date) throws IOException {
    Path latest = path(Layout.latest(repo));
    Path tmp = latest.resolveSibling(".latest-" + UUID.randomUUID());
    Files.createSymbolicLink(tmp, latest.getFileSystem().getPath(date.toString()));
    Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public Optional<SnapshotDate> latest(RepoName repo) throws IOException {
    Path latest = path(Layout.latest(repo));
    if (!Files.isSymbolicLink(latest)) {
      return Optional.empty();
    }
    String target = Files.readSymbolicLink(latest).toString();
    return SnapshotDate.looksLikeDate(target)
        ? Optional.of(SnapshotDate.parse(target))
        : Optional.empty();
  }

  // OS file locks exclude other processes only; this set excludes other callers in this JVM.
  private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

  @Override
  public StorageLock lock(RepoName repo, String holder, boolean breakStale) throws IOException {
    Path lockFile = path(Layout.lock(repo));
    Files.createDirectories(lockFile.getParent());
    String id = lockFile.toUri().toString();
    if (!HELD_HERE.add(id)) {
      throw locked(repo, lockFile);
    }
    FileChannel ch = null;
    FileLock held = null;
    try {
      ch =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      try {
        held = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        // The OS drops the lock of a dead process, so a held lock always has a live holder.
        throw locked(repo, lockFile);
      }
      ch.truncate(0);
      ch.write(
          java.nio.ByteBuffer.wrap(
              LockHolder.current(holder).lines().getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(id);
      if (ch != null) {
        ch.close();
      }
      throw e;
    }
    FileChannel channel = ch;
    FileLock lock = held;
    return () -> {
      try {
        lock.release();
      } finally {
        channel.close();
        HELD_HERE.remove(id);
      }
    };
  }

  private static LockedException locked(RepoName repo, Path lockFile) throws IOException {
    String who =
        Files.exists(lockFile)
            ? LockHolder.describe(new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8))
            : "holder unknown";
    return new LockedException(
        "repository '"
            + repo
            + "' is locked by another sync, import or gc that is still running ("
            + who
            + "; lock file "
            + lockFile
            + ")");
  }

  @Override
  public Path scratch() throws IOException {
    Path tmp = path(Layout.tmp());
    Files.createDirectories(tmp);
    return tmp;
  }

  private synchronized LinkLanes lanes() {
    if (lanes == null) {
      lanes = new LinkLanes();
    }
    return lanes;
  }

  @Override
  public synchronized void close() {
    if (lanes != null) {
      lanes.close();
      lanes = null;
    }
  }
}
