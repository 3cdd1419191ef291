package dev.tintype.storage;

import dev.tintype.format.layout.Md5;
import dev.tintype.format.layout.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Single and multipart PUTs of local content, with Content-MD5 so S3 rejects a damaged body. */
final class S3Uploads {
  private final S3Client s3;
  private final String bucket;
  private volatile long threshold = 64L << 20;
  private volatile long partSize = 16L << 20;

  S3Uploads(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  void multipart(long threshold, long partSize) {
    if (partSize < (5L << 20)) {
      throw new IllegalArgumentException("S3 parts are at least 5 MiB, not " + partSize);
    }
    this.threshold = threshold;
    this.partSize = partSize;
  }

  /** The object headers: type, caching and user metadata. */
  record Headers(String contentType, String cacheControl, Map<String, String> metadata) {}

  /** Local content to upload, hashed once up front. */
  static final class Content {
    private final Path file;
    private final byte[] bytes;
    private final long size;
    private final String sha256;
    private final byte[] md5;
    private final UploadProgress progress;

    private Content(
        Path file, byte[] bytes, long size, String sha256, byte[] md5, UploadProgress progress) {
      this.file = file;
      this.bytes = bytes;
      this.size = size;
      this.sha256 = sha256;
      this.md5 = md5;
      this.progress = progress;
    }

    /** The same content, its upload in parts reported to {@code p}. */
    Content reporting(UploadProgress p) {
      return new Content(file, bytes, size, sha256, md5, p);
    }

    static Content of(byte[] bytes) {
      return new Content(
          null,
          bytes,
          bytes.length,
          Sha256.hash(bytes).hex(),
          Md5.newDigest().digest(bytes),
          UploadProgress.NONE);
    }

    static Content of(Path file) throws IOException {
      MessageDigest sha = Sha256.newDigest();
      MessageDigest md5 = Md5.newDigest();
      long n = 0;
      byte[] buf = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(file)) {
        for (int r; (r = in.read(buf)) > 0; ) {
          sha.update(buf, 0, r);
          md5.update(buf, 0, r);
          n += r;
        }
      }
      return new Content(
          file, null, n, Sha256.of(sha.digest()).hex(), md5.digest(), UploadProgress.NONE);
    }

    /** A file whose size and digests the caller knows (a verified download): not read here. */
    static Content of(Path file, KnownDigests known) throws IOException {
      long actual = Files.size(file);
      if (actual != known.size()) {
        throw new IOException(
            file + " holds " + actual + " bytes, not the " + known.size() + " it was said to");
      }
      return new Content(
          file,
          null,
          known.size(),
          known.sha256(),
          HexFormat.of().parseHex(known.md5()),
          UploadProgress.NONE);
    }

    long size() {
      return size;
    }

    String sha256() {
      return sha256;
    }

    String md5Hex() {
      return Md5.hex(md5);
    }

    String md5Base64() {
      return Base64.getEncoder().encodeToString(md5);
    }

    RequestBody body() {
      return file != null ? RequestBody.fromFile(file) : RequestBody.fromBytes(bytes);
    }

    /** A re-openable slice, so the SDK can retry a part. */
    RequestBody range(long offset, long length) {
      return RequestBody.fromContentProvider(
          () -> {
            if (file == null) {
              return new ByteArrayInputStream(bytes, (int) offset, (int) length);
            }
            try {
              FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
              ch.position(offset);
              return new BoundedInputStream(Channels.newInputStream(ch), length);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          },
          length,
          "application/octet-stream");
    }
  }

  /**
   * Uploads {@code c} to {@code key}. With {@code ifAbsent}, the write is conditional and false
   * means an object was already there (HTTP 412, or 409 for a concurrent conditional write).
   */
  boolean put(String key, Content c, Headers h, boolean ifAbsent) {
    try {
      if (c.size() >= threshold) {
        multipartPut(key, c, h, ifAbsent);
      } else {
        s3.putObject(
            b ->
                b.bucket(bucket)
                    .key(key)
                    .contentType(h.contentType())
                    .cacheControl(h.cacheControl())
                    .metadata(h.metadata())
                    .contentLength(c.size())
                    .contentMD5(c.md5Base64())
                    .ifNoneMatch(ifAbsent ? "*" : null),
            c.body());
      }
      return true;
    } catch (S3Exception e) {
      if (ifAbsent && (e.statusCode() == 412 || e.statusCode() == 409)) {
        return false;
      }
      throw e;
    }
  }

  private void multipartPut(String key, Content c, Headers h, boolean ifAbsent) {
    String id =
        s3.createMultipartUpload(
                b ->
                    b.bucket(bucket)
                        .key(key)
                        .contentType(h.contentType())
                        .cacheControl(h.cacheControl())
                        .metadata(h.metadata()))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long part = partSize;
      int total = (int) ((c.size() + part - 1) / part);
      int n = 1;
      for (long off = 0; off < c.size(); off += part, n++) {
        long len = Math.min(part, c.size() - off);
        int number = n;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(id)
                            .partNumber(number)
                            .contentLength(len),
                    c.range(off, len))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        c.progress.uploaded(number, total, off + len, c.size());
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(key)
                  .uploadId(id)
                  .multipartUpload(m -> m.parts(parts))
                  .ifNoneMatch(ifAbsent ? "*" : null));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
      } catch (RuntimeException abortFailed) {
        // The bucket's lifecycle rule for incomplete uploads, if any, cleans up the parts.
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long left) {
      this.in = in;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int r = in.read(b, off, (int) Math.min(len, left));
      if (r > 0) {
        left -= r;
      }
      return r;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
