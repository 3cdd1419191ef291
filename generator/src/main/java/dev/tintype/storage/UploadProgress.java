package dev.tintype.storage;

/**
 * Hears how a large upload goes: after each of its parts, {@code parts} of {@code totalParts} and
 * {@code bytes} of {@code totalBytes} are stored. Only uploads in parts report (on S3, those above
 * the multipart threshold): a small one is over before a line could show it.
 */
@FunctionalInterface
public interface UploadProgress {
  UploadProgress NONE = (parts, totalParts, bytes, totalBytes) -> {};

  void uploaded(int parts, int totalParts, long bytes, long totalBytes);
}
