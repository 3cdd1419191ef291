package dev.tintype.storage;

import dev.tintype.config.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object calls on one bucket and prefix. They take and return layout keys (the prefix is added
 * and removed here, and a key that could climb out of it is refused), and every failure is an
 * {@link IOException} from {@link S3Errors} naming the object. No call here decides what may be
 * overwritten: that is {@link S3Storage}'s.
 */
final class S3Objects {
  /**
   * User metadata: the content's sha256, and on {@code latest/manifest.json} the date it serves.
   */
  static final String SHA256 = "sha256";

  static final String DATE = "snapshot-date";

  /** What a HEAD or a listing says about a stored object. */
  record Stored(long size, String etag, String sha256, String date) {
    /** The ETag is the content's MD5 for objects stored in one part. */
    boolean etagIsMd5(String md5Hex) {
      String e = etag == null ? "" : etag.replace("\"", "");
      return !e.contains("-") && e.equalsIgnoreCase(md5Hex);
    }

    boolean multipart() {
      return etag != null && etag.contains("-");
    }
  }

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String describe;
  private final S3Uploads uploads;

  S3Objects(S3Client s3, StorageConfig.S3 cfg) {
    this.s3 = s3;
    this.bucket = cfg.bucket();
    this.prefix = cfg.prefix();
    this.describe =
        "s3://"
            + bucket
            + "/"
            + prefix
            + cfg.endpoint().map(e -> " at " + e).orElse("")
            + " ("
            + cfg.region()
            + ")";
    this.uploads = new S3Uploads(s3, bucket);
  }

  String describe() {
    return describe;
  }

  S3Client client() {
    return s3;
  }

  /** Multipart uploads above this size (tests lower it). */
  void multipart(long threshold, long partSize) {
    uploads.multipart(threshold, partSize);
  }

  /** The object key of a layout key. */
  String key(String key) {
    if (key.isEmpty()
        || key.startsWith("/")
        || key.endsWith("/")
        || key.contains("..")
        || key.contains("//")) {
      throw new IllegalArgumentException("bad storage key '" + key + "'");
    }
    return prefix + key;
  }

  /** A layout key as messages name it. */
  String where(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  void checkBucket() throws IOException {
    S3Errors.call(
        describe,
        "opening the bucket",
        () -> {
          try {
            return s3.headBucket(b -> b.bucket(bucket));
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              throw new IOException(
                  "S3 bucket '"
                      + bucket
                      + "' does not exist ("
                      + describe
                      + "): create it, or "
                      + "fix storage.s3.bucket in the config",
                  e);
            }
            throw e;
          }
        });
  }

  Optional<Stored> head(String key) throws IOException {
    String k = key(key);
    return S3Errors.call(
        where(key),
        "HEAD",
        () -> {
          try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(k));
            return Optional.of(
                new Stored(
                    r.contentLength(), r.eTag(), r.metadata().get(SHA256), r.metadata().get(DATE)));
          } catch (NoSuchKeyException e) {
            return Optional.empty();
          } catch (S3Exception e) {
            if (e.statusCode() == 404 && !S3Errors.code(e).equals("NoSuchBucket")) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /** Opens an object; {@link NoSuchFileException} naming the key if missing. */
  InputStream get(String key) throws IOException {
    String k = key(key);
    return S3Errors.call(
        where(key),
        "GET",
        () -> {
          try {
            return s3.getObject(b -> b.bucket(bucket).key(k));
          } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key, null, "no such object in " + describe);
          }
        });
  }

  /** Every object below {@code under/}, keyed by layout key. */
  Map<String, Stored> list(String under) throws IOException {
    return listStarting(key(under) + "/", where(under + "/"));
  }

  /** Every object whose layout key starts with {@code start} (not only at a {@code /}). */
  Map<String, Stored> listStartingWith(String start) throws IOException {
    return listStarting(key(start), where(start));
  }

  private Map<String, Stored> listStarting(String p, String where) throws IOException {
    return S3Errors.call(
        where,
        "LIST",
        () -> {
          Map<String, Stored> out = new HashMap<>();
          for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p)).contents()) {
            out.put(o.key().substring(prefix.length()), new Stored(o.size(), o.eTag(), null, null));
          }
          return out;
        });
  }

  /**
   * Every object below {@code under/}, page by page as it is read (one page of keys in memory), in
   * the order S3 lists them: ascending, by the UTF-8 bytes of the key. A failed page throws {@link
   * UncheckedIOException} wrapping the translated {@link IOException}.
   */
  Iterator<Map.Entry<String, Stored>> listing(String under) throws IOException {
    String p = key(under) + "/";
    Iterator<S3Object> objects =
        S3Errors.call(
            where(under + "/"),
            "LIST",
            () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p)).contents().iterator());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return objects.hasNext();
        } catch (SdkException e) {
          throw new UncheckedIOException(S3Errors.translate(where(under + "/"), "LIST", e));
        }
      }

      @Override
      public Map.Entry<String, Stored> next() {
        try {
          S3Object o = objects.next();
          return Map.entry(
              o.key().substring(prefix.length()), new Stored(o.size(), o.eTag(), null, null));
        } catch (SdkException e) {
          throw new UncheckedIOException(S3Errors.translate(where(under + "/"), "LIST", e));
        }
      }
    };
  }

  /** The keys of {@link #listing}, in its order. */
  Iterator<String> keyListing(String under) throws IOException {
    Iterator<Map.Entry<String, Stored>> it = listing(under);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public String next() {
        return it.next().getKey();
      }
    };
  }

  /** The names directly below {@code under} ("" for the prefix itself), sorted. */
  List<String> children(String under) throws IOException {
    String p = under.isEmpty() ? prefix : key(under) + "/";
    return S3Errors.call(
        where(under + "/"),
        "LIST",
        () -> {
          TreeSet<String> out = new TreeSet<>();
          for (var page :
              s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p).delimiter("/"))) {
            for (CommonPrefix c : page.commonPrefixes()) {
              String name = c.prefix().substring(p.length());
              out.add(name.substring(0, name.length() - 1));
            }
            for (S3Object o : page.contents()) {
              out.add(o.key().substring(p.length()));
            }
          }
          return new ArrayList<>(out);
        });
  }

  /**
   * PUTs content with the key's headers and its sha256 in the metadata; with {@code ifAbsent},
   * conditionally ({@code If-None-Match: *}), false if something is there already.
   */
  boolean put(String key, S3Uploads.Content c, boolean ifAbsent, Map<String, String> meta)
      throws IOException {
    Map<String, String> m = new HashMap<>(meta);
    m.put(SHA256, c.sha256());
    S3Uploads.Headers h =
        new S3Uploads.Headers(
            S3ObjectHeaders.contentType(key), S3ObjectHeaders.cacheControl(key), m);
    String k = key(key);
    return S3Errors.call(where(key), "PUT", () -> uploads.put(k, c, h, ifAbsent));
  }

  void delete(String key) throws IOException {
    String k = key(key);
    S3Errors.call(where(key), "DELETE", () -> s3.deleteObject(b -> b.bucket(bucket).key(k)));
  }

  /** Copies an object within the bucket, with the target key's headers, over whatever is there. */
  void copy(String from, String to, String sha256) throws IOException {
    copy(from, to, sha256 == null ? Map.of() : Map.of(SHA256, sha256));
  }

  /** As {@link #copy(String, String, String)}, with this user metadata instead of the source's. */
  void copy(String from, String to, Map<String, String> meta) throws IOException {
    String src = key(from);
    String dst = key(to);
    S3Errors.call(
        where(to),
        "COPY from " + where(from),
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(bucket)
                        .sourceKey(src)
                        .destinationBucket(bucket)
                        .destinationKey(dst)
                        .metadataDirective(MetadataDirective.REPLACE)
                        .contentType(S3ObjectHeaders.contentType(to))
                        .cacheControl(S3ObjectHeaders.cacheControl(to))
                        .metadata(meta)));
  }
}
