package dev.tintype.fetch;

import dev.tintype.format.layout.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads from http(s):// and file:// upstreams, streaming to disk while hashing, with retries.
 * Uses the one shared {@link OkHttpClient}.
 */
public final class Fetcher {
  private final OkHttpClient client;
  private final RetryPolicy retry;
  private final Limits limits;
  private final AtomicLong downloads = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public Fetcher(OkHttpClient client, RetryPolicy retry) {
    this(client, retry, Limits.defaults());
  }

  public Fetcher(OkHttpClient client, RetryPolicy retry, Limits limits) {
    this.client = client;
    this.retry = retry;
    this.limits = limits;
  }

  /** The size limits this fetcher and its callers apply to upstream data. */
  public Limits limits() {
    return limits;
  }

  /** Files fetched (not pages) since this fetcher was made. */
  public long downloads() {
    return downloads.get();
  }

  /** Bytes of files fetched since this fetcher was made. */
  public long bytes() {
    return bytes.get();
  }

  /** A page or index: the body and the response headers we care about. */
  public record Page(byte[] body, Map<String, String> headers, String finalUrl) {
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /** A page as it streams in: read {@code body} once, inside {@link PageReader#read}. */
  public record PageBody(InputStream body, Map<String, String> headers, String finalUrl) {
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /** Parses a page while it streams in. */
  public interface PageReader<T> {
    T read(PageBody page) throws IOException;
  }

  /**
   * Fetches a small document whole, at most {@link Limits#maxPageBytes()}; empty on 404/410 or a
   * missing file. {@code accept} may be null. Transient failures are retried.
   */
  public Optional<Page> page(URI url, String accept) throws IOException {
    return page(
        url,
        accept,
        limits.maxPageBytes(),
        b -> new Page(b.body().readAllBytes(), b.headers(), b.finalUrl()));
  }

  /**
   * Streams a document into {@code reader}; empty on 404/410 or a missing file. The body fails with
   * {@link TooLargeException} past {@code maxBytes}. A transport failure while the reader reads is
   * retried from the start; anything else the reader throws is passed on unchanged.
   */
  public <T> Optional<T> page(URI url, String accept, long maxBytes, PageReader<T> reader)
      throws IOException {
    return withRetries(url.toString(), () -> pageOnce(url, accept, maxBytes, reader));
  }

  private <T> Optional<T> pageOnce(URI url, String accept, long maxBytes, PageReader<T> reader)
      throws IOException {
    String key = "limits.max-page-size";
    if ("file".equals(url.getScheme())) {
      Path p = Path.of(url);
      if (Files.isDirectory(p)) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(p)) {
        return Optional.of(
            reader.read(
                new PageBody(
                    new LimitedInputStream(in, maxBytes, url.toString(), key),
                    Map.of(),
                    url.toString())));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }
    Request.Builder rb = new Request.Builder().url(url.toString());
    if (accept != null) {
      rb.header("Accept", accept);
    }
    try (Response r = client.newCall(rb.build()).execute()) {
      if (r.code() == 404 || r.code() == 410) {
        return Optional.empty();
      }
      if (!r.isSuccessful()) {
        throw new HttpStatusException(url.toString(), r.code());
      }
      Map<String, String> headers = new java.util.HashMap<>();
      for (String name : r.headers().names()) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), r.header(name));
      }
      long declared = r.body().contentLength();
      if (declared > maxBytes) {
        throw new TooLargeException(
            url
                + ": declares "
                + declared
                + " bytes, more than the limit of "
                + maxBytes
                + " bytes ("
                + key
                + ")");
      }
      InputStream body =
          new LimitedInputStream(r.body().byteStream(), maxBytes, url.toString(), key);
      return Optional.of(reader.read(new PageBody(body, headers, r.request().url().toString())));
    }
  }

  /**
   * Streams {@code url} into a new file in {@code dir}, verifying what is expected. {@code what}
   * names the thing for errors (e.g. "pkgA 1.0 (src/contrib/pkgA_1.0.tar.gz)").
   */
  public Downloaded download(URI url, Path dir, String what, Expected expected) throws IOException {
    Downloaded d = withRetries(what + " from " + url, () -> downloadOnce(url, dir, what, expected));
    downloads.incrementAndGet();
    bytes.addAndGet(d.size());
    return d;
  }

  private Downloaded downloadOnce(URI url, Path dir, String what, Expected expected)
      throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "dl-", ".part");
    boolean ok = false;
    try {
      MessageDigest sha = digest("SHA-256");
      MessageDigest md5 = digest("MD5");
      long size;
      try (InputStream raw = openStream(url, what);
          InputStream in = new DigestInputStream(new DigestInputStream(raw, sha), md5);
          OutputStream out = Files.newOutputStream(tmp)) {
        size = in.transferTo(out);
      }
      Downloaded d =
          new Downloaded(
              tmp, Sha256.of(sha.digest()), HexFormat.of().formatHex(md5.digest()), size);
      check(what, expected, d);
      ok = true;
      return d;
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private InputStream openStream(URI url, String what) throws IOException {
    if ("file".equals(url.getScheme())) {
      try {
        return Files.newInputStream(Path.of(url));
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(url.toString(), null, what + ": upstream has no such file");
      }
    }
    Response r = client.newCall(new Request.Builder().url(url.toString()).build()).execute();
    if (!r.isSuccessful()) {
      r.close();
      throw new HttpStatusException(url.toString(), r.code());
    }
    ResponseBody body = r.body();
    long declared = body.contentLength();
    return new FilterInputStream(body.byteStream()) {
      private long seen;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          seen++;
        } else {
          checkEnd();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          seen += n;
        } else if (n < 0) {
          checkEnd();
        }
        return n;
      }

      private void checkEnd() throws IOException {
        if (declared >= 0 && seen != declared) {
          throw new TruncatedException(
              what + ": download truncated at " + seen + " of " + declared + " bytes");
        }
      }

      @Override
      public void close() {
        r.close();
      }
    };
  }

  private static void check(String what, Expected e, Downloaded d) throws IntegrityException {
    if (e.size() != null && e.size() != d.size()) {
      throw new IntegrityException(
          what + ": size mismatch: expected " + e.size() + " bytes, got " + d.size());
    }
    if (e.md5() != null && !e.md5().equals(d.md5())) {
      throw new IntegrityException(
          what + ": MD5 mismatch: upstream index says " + e.md5() + ", file has " + d.md5());
    }
    if (e.sha256() != null && !e.sha256().equals(d.sha256())) {
      throw new IntegrityException(
          what + ": sha256 mismatch: upstream says " + e.sha256() + ", file has " + d.sha256());
    }
  }

  /** A body shorter than its Content-Length: transient, so retried. */
  static final class TruncatedException extends IOException {
    private static final long serialVersionUID = 1L;

    TruncatedException(String message) {
      super(message);
    }
  }

  interface Attempt<T> {
    T run() throws IOException;
  }

  private <T> T withRetries(String what, Attempt<T> attempt) throws IOException {
    IOException last = null;
    for (int i = 1; i <= retry.attempts(); i++) {
      try {
        return attempt.run();
      } catch (HttpStatusException e) {
        if (!e.transient_()) {
          throw e;
        }
        last = e;
      } catch (IntegrityException | NoSuchFileException | TooLargeException e) {
        throw e;
      } catch (IOException e) {
        last = e;
      }
      if (i < retry.attempts()) {
        sleep(retry.backoff(i));
      }
    }
    throw new IOException(
        what + ": failed after " + retry.attempts() + " attempts: " + last.getMessage(), last);
  }

  private static void sleep(java.time.Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting to retry");
    }
  }

  private static MessageDigest digest(String alg) {
    try {
      return MessageDigest.getInstance(alg);
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(alg + " unavailable", e));
    }
  }
}
