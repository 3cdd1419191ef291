package dev.tintype.fetch;

import dev.tintype.format.layout.Md5;
import dev.tintype.format.layout.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Downloads from http(s):// and file:// upstreams, streaming to disk while hashing. Every request
 * goes through the {@link UrlPolicy} (which URLs and redirects), the {@link Watchdog} (minimum
 * rate, run deadline) and {@link Retry} (what is retried, how long to wait). Uses the one shared
 * {@link OkHttpClient}.
 *
 * <p>A fetcher made by a constructor is bound to no repository and follows http(s) only; {@link
 * #forUpstream} gives the view one repository's sync uses.
 */
public final class Fetcher {
  private static final String PAGE_KEY = "limits.max-page-size";
  private static final String INDEX_KEY = "limits.max-index-size";

  private final FetchPolicy policy;
  private final UrlPolicy urls;
  private final HttpOpener http;
  private final Retry retry;
  private final Watchdog watchdog;
  private final AtomicLong downloads;
  private final AtomicLong bytes;

  public Fetcher(OkHttpClient client, RetryPolicy retry) {
    this(client, FetchPolicy.of(retry));
  }

  public Fetcher(OkHttpClient client, RetryPolicy retry, Limits limits) {
    this(client, FetchPolicy.of(retry).withLimits(limits));
  }

  /** The run's fetcher; the run deadline counts from now. */
  public Fetcher(OkHttpClient client, FetchPolicy policy) {
    this(() -> client, policy);
  }

  /**
   * The run's fetcher over a client built on the first http(s) request ({@link RunHttpClient}); the
   * run deadline counts from now.
   */
  public Fetcher(Supplier<OkHttpClient> client, FetchPolicy policy) {
    this(client, policy, Retry.THREAD_SLEEP, Clock.systemUTC());
  }

  Fetcher(OkHttpClient client, FetchPolicy policy, Retry.Sleeper sleeper, Clock clock) {
    this(() -> client, policy, sleeper, clock);
  }

  private Fetcher(
      Supplier<OkHttpClient> client, FetchPolicy policy, Retry.Sleeper sleeper, Clock clock) {
    this(policy, client, sleeper, clock, new Watchdog(policy, System::nanoTime));
  }

  private Fetcher(
      FetchPolicy policy,
      Supplier<OkHttpClient> client,
      Retry.Sleeper sleeper,
      Clock clock,
      Watchdog watchdog) {
    this(
        policy,
        UrlPolicy.unbound(policy),
        new HttpOpener(client),
        // A wait ends at the run deadline; the next attempt then fails on it at once.
        new Retry(policy.retry(), d -> sleeper.sleep(watchdog.capToDeadline(d)), clock),
        watchdog,
        new AtomicLong(),
        new AtomicLong());
  }

  private Fetcher(
      FetchPolicy policy,
      UrlPolicy urls,
      HttpOpener http,
      Retry retry,
      Watchdog watchdog,
      AtomicLong downloads,
      AtomicLong bytes) {
    this.policy = policy;
    this.urls = urls;
    this.http = http;
    this.retry = retry;
    this.watchdog = watchdog;
    this.downloads = downloads;
    this.bytes = bytes;
  }

  /**
   * This fetcher bound to one repository's URL policy: {@code file:} URLs only under a file://
   * {@code upstream}, its host always allowed. Shares the client, the counters and the run
   * deadline.
   */
  public Fetcher forUpstream(URI upstream) {
    return new Fetcher(
        policy, UrlPolicy.forUpstream(upstream, policy), http, retry, watchdog, downloads, bytes);
  }

  public FetchPolicy policy() {
    return policy;
  }

  public UrlPolicy urlPolicy() {
    return urls;
  }

  /** The size limits this fetcher and its callers apply to upstream data. */
  public Limits limits() {
    return policy.limits();
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
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** A page as it streams in: read {@code body} once, inside {@link PageReader#read}. */
  public record PageBody(InputStream body, Map<String, String> headers, String finalUrl) {
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
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
        limits().maxPageBytes(),
        b -> new Page(b.body().readAllBytes(), b.headers(), b.finalUrl()));
  }

  /**
   * Streams a document into {@code reader}; empty on 404/410 or a missing file. The body fails with
   * {@link TooLargeException} past {@code maxBytes}. A failure of the connection while the reader
   * reads is retried from the start; anything else the reader throws is passed on unchanged.
   */
  public <T> Optional<T> page(URI url, String accept, long maxBytes, PageReader<T> reader)
      throws IOException {
    return retry.run(url.toString(), () -> pageOnce(url, accept, maxBytes, reader));
  }

  // The error names the key that sets the cap the caller chose; callers pass one of the two limits.
  private String keyFor(long maxBytes) {
    return maxBytes == limits().maxIndexBytes() && maxBytes != limits().maxPageBytes()
        ? INDEX_KEY
        : PAGE_KEY;
  }

  private <T> Optional<T> pageOnce(URI url, String accept, long maxBytes, PageReader<T> reader)
      throws IOException {
    String key = keyFor(maxBytes);
    try (Opened o = open(url, accept, false, url.toString())) {
      if (o == null) {
        return Optional.empty();
      }
      if (o.declared() > maxBytes) {
        throw new TooLargeException(
            url
                + ": declares "
                + o.declared()
                + " bytes, more than the limit of "
                + maxBytes
                + " bytes ("
                + key
                + ")");
      }
      InputStream body = new LimitedInputStream(o.body(), maxBytes, url.toString(), key);
      try {
        return Optional.of(reader.read(new PageBody(body, o.headers(), o.finalUrl())));
      } catch (IOException e) {
        IOException transport = o.body().ownFailureIn(e);
        throw transport != null ? transport : new Retry.GiveUp(e);
      }
    }
  }

  /**
   * Streams {@code url} into a new file in {@code dir}, verifying what is expected. {@code what}
   * names the thing for errors (e.g. "pkgA 1.0 (src/contrib/pkgA_1.0.tar.gz)").
   */
  public Downloaded download(URI url, Path dir, String what, Expected expected) throws IOException {
    Downloaded d = retry.run(what + " from " + url, () -> downloadOnce(url, dir, what, expected));
    downloads.incrementAndGet();
    bytes.addAndGet(d.size());
    return d;
  }

  /**
   * The size of the file at {@code url} without downloading it: a HEAD request's Content-Length, or
   * a file:// upstream's file size; empty when the server declares none. Transient failures are
   * retried. Counts as no download.
   */
  public OptionalLong size(URI url) throws IOException {
    return retry.run("HEAD " + url, () -> Heads.sizeOnce(url, urls, http, watchdog));
  }

  private Downloaded downloadOnce(URI url, Path dir, String what, Expected expected)
      throws IOException {
    Path tmp = null;
    boolean ok = false;
    try (Opened o = open(url, null, true, what)) {
      MessageDigest sha = Sha256.newDigest();
      MessageDigest md5 = Md5.newDigest();
      long size;
      ScratchFile f = ScratchFile.create(dir);
      tmp = f.path();
      try (InputStream in = new DigestInputStream(new DigestInputStream(o.body(), sha), md5);
          OutputStream out = f.out()) {
        size = ScratchFile.copy(in, out);
      }
      Downloaded d = new Downloaded(tmp, Sha256.of(sha.digest()), Md5.hex(md5.digest()), size);
      expected.verify(what, d);
      ok = true;
      return d;
    } finally {
      if (!ok && tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Opens {@code url} once the policy allows it; null for a missing page (404, 410, no such file).
   * A download is asked for as stored and refused when it arrives content-encoded anyway.
   */
  private Opened open(URI url, String accept, boolean download, String what) throws IOException {
    urls.check(url);
    if ("file".equalsIgnoreCase(url.getScheme())) {
      return openFile(url, download, what);
    }
    Transfer t = watchdog.start(url.toString());
    Response r;
    try {
      r = http.get(url, urls, accept, download, t);
    } catch (IOException | RuntimeException e) {
      t.finish();
      throw e;
    }
    boolean ok = false;
    try {
      String finalUrl = r.request().url().toString();
      if (!download && (r.code() == 404 || r.code() == 410)) {
        return null;
      }
      if (!r.isSuccessful()) {
        throw new HttpStatusException(url.toString(), r.code(), r.header("Retry-After"));
      }
      String encoding = r.header("Content-Encoding");
      if (download && encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
        throw new ContentEncodingException(
            finalUrl
                + ": the server sent the file with Content-Encoding: "
                + encoding
                + " although tintype asked for it as stored (Accept-Encoding: identity);"
                + " refusing to guess what the upstream checksum covers");
      }
      Map<String, String> headers = new HashMap<>();
      for (String name : r.headers().names()) {
        headers.put(name.toLowerCase(Locale.ROOT), r.header(name));
      }
      long declared = r.body().contentLength();
      Opened o =
          new Opened(
              new TransferStream(r.body().byteStream(), t, finalUrl, declared),
              headers,
              finalUrl,
              declared);
      ok = true;
      return o;
    } finally {
      if (!ok) {
        r.close();
        t.finish();
      }
    }
  }

  private Opened openFile(URI url, boolean download, String what) throws IOException {
    Path p;
    try {
      p = urls.localFile(url);
      if (Files.isDirectory(p)) {
        throw new NoSuchFileException(url.toString(), null, "a directory");
      }
    } catch (NoSuchFileException e) {
      if (download) {
        throw new NoSuchFileException(url.toString(), null, what + ": upstream has no such file");
      }
      return null;
    }
    Transfer t = watchdog.start(url.toString());
    try {
      // The real path has no links left; NOFOLLOW_LINKS stops one swapped in since.
      InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
      return new Opened(
          new TransferStream(in, t, url.toString(), -1), Map.of(), url.toString(), -1);
    } catch (IOException e) {
      t.finish();
      throw e;
    }
  }
}
