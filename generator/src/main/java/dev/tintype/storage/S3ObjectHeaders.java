package dev.tintype.storage;

import dev.tintype.format.layout.Layout;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code Content-Type} and {@code Cache-Control} each object is stored with, so that S3 website
 * hosting or a CDN serves the bucket as nginx/tintype.conf.template serves a filesystem root.
 */
final class S3ObjectHeaders {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String SHORT = "public, max-age=300";
  static final String PRIVATE = "no-store";

  private static final Pattern DATED = Pattern.compile("^[^/]+/[0-9]{4}-[0-9]{2}-[0-9]{2}/.*");

  private S3ObjectHeaders() {}

  /** Immutable for the pool and dated snapshots, short for {@code latest/} and the rest. */
  static String cacheControl(String key) {
    if (key.startsWith(Layout.STATE + "/")) {
      return PRIVATE;
    }
    if (key.startsWith(Layout.POOL + "/") || DATED.matcher(key).matches()) {
      return IMMUTABLE;
    }
    return SHORT;
  }

  /**
   * By extension, as nginx's type table. {@code .gz} is {@code application/gzip} and the object
   * never gets a {@code Content-Encoding}: R must receive PACKAGES.gz as the gzip file itself.
   */
  static String contentType(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    boolean simple = key.contains("/" + Layout.SIMPLE + "/");
    if (name.equals("PACKAGES")) {
      return "text/plain; charset=utf-8";
    }
    if (simple && name.equals("index.json")) {
      return "application/vnd.pypi.simple.v1+json";
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    switch (ext) {
      case "html":
      case "htm":
        return "text/html; charset=utf-8";
      case "txt":
      case "md5":
      case "sha256":
        return "text/plain; charset=utf-8";
      case "css":
        return "text/css; charset=utf-8";
      case "json":
        return "application/json";
      case "yaml":
      case "yml":
        return "application/yaml";
      case "gz":
      case "tgz":
        return "application/gzip";
      case "xz":
        return "application/x-xz";
      case "bz2":
        return "application/x-bzip2";
      case "zip":
        return "application/zip";
      case "svg":
        return "image/svg+xml";
      case "png":
        return "image/png";
      default:
        return "application/octet-stream";
    }
  }
}
