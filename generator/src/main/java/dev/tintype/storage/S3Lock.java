package dev.tintype.storage;

import dev.tintype.format.layout.RepoName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.UUID;

/**
 * A repository lock as an object in {@code .tintype/locks/}. It is created with a conditional PUT
 * ({@code If-None-Match: *}), so of two syncs that start together exactly one wins. On a store that
 * ignores that header, a HEAD before the PUT and a read-back after it narrow the race to the
 * milliseconds between them, but cannot close it. Unlike a file lock, the object outlives a killed
 * sync: {@code --break-lock} removes it.
 */
final class S3Lock implements StorageLock {
  private final S3Storage s3;
  private final String key;
  private final String token;
  private boolean released;

  private S3Lock(S3Storage s3, String key, String token) {
    this.s3 = s3;
    this.key = key;
    this.token = token;
  }

  static S3Lock take(S3Storage s3, String key, RepoName repo, String holder, boolean breakStale)
      throws IOException {
    String token = UUID.randomUUID().toString();
    String body = LockHolder.current(holder).lines() + "token: " + token + "\n";
    S3Uploads.Content content = S3Uploads.Content.of(body.getBytes(StandardCharsets.UTF_8));
    boolean broke = false;
    for (int attempt = 0; ; attempt++) {
      if (s3.putIfAbsentExact(key, content) && read(s3, key).contains("token: " + token + "\n")) {
        return new S3Lock(s3, key, token);
      }
      String other = read(s3, key);
      if (other.isEmpty() && attempt < 3) {
        continue; // released between our PUT and our read
      }
      if (breakStale && !broke && !other.contains("token: " + token + "\n")) {
        s3.delete(key);
        broke = true;
        continue;
      }
      throw new LockedException(
          "repository '"
              + repo
              + "' is locked by another sync, import or gc ("
              + LockHolder.describe(other)
              + "; lock object "
              + s3.where(key)
              + "). If that run has ended, rerun with --break-lock");
    }
  }

  private static String read(S3Storage s3, String key) throws IOException {
    try (InputStream in = s3.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }

  /** Deletes the lock object if it is still ours (a --break-lock may have taken it over). */
  @Override
  public void close() throws IOException {
    if (released) {
      return;
    }
    released = true;
    if (read(s3, key).contains("token: " + token + "\n")) {
      s3.delete(key);
    }
  }
}
