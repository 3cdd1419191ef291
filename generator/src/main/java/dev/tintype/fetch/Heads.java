package dev.tintype.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import okhttp3.Response;

/** One HEAD request (or a local file's size): what a file weighs, without its bytes. */
final class Heads {
  private Heads() {}

  /**
   * The size {@code url} declares, once; empty when it declares none (no Content-Length, or a body
   * sent encoded although asked for as stored, whose length is not the file's).
   */
  static OptionalLong sizeOnce(URI url, UrlPolicy urls, HttpOpener http, Watchdog watchdog)
      throws IOException {
    urls.check(url);
    if ("file".equalsIgnoreCase(url.getScheme())) {
      Path p = urls.localFile(url);
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(url.toString(), null, "upstream has no such file");
      }
      return OptionalLong.of(Files.size(p));
    }
    Transfer t = watchdog.start(url.toString());
    try (Response r = http.head(url, urls, t)) {
      if (!r.isSuccessful()) {
        throw new HttpStatusException(url.toString(), r.code(), r.header("Retry-After"));
      }
      String encoding = r.header("Content-Encoding");
      if (encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
        return OptionalLong.empty();
      }
      String length = r.header("Content-Length");
      if (length == null || !length.strip().matches("\\d{1,18}")) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Long.parseLong(length.strip()));
    } finally {
      t.finish();
    }
  }
}
