package dev.tintype.pypi;

import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.TooLargeException;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.UpstreamPages;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a PyPI-like upstream: project pages (PEP 691 JSON asked for, PEP 503 HTML accepted) and the
 * serials of its project list. Pages are parsed as they stream in, within {@code
 * limits.max-page-size}; the project list within {@code limits.max-index-size}. A {@code file:}
 * upstream is a tree of {@code simple/<name>/index.json} or {@code index.html}, as a snapshot is.
 */
final class UpstreamClient {
  static final String ACCEPT =
      "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,"
          + " text/html;q=0.01";

  private final MirrorContext ctx;
  private final String simple;
  private final boolean local;
  private volatile RootIndex root;

  UpstreamClient(MirrorContext ctx) {
    this.ctx = ctx;
    this.simple = ctx.repo().upstreamBase() + "/" + Layout.SIMPLE + "/";
    this.local = simple.startsWith("file:");
  }

  /** The project's page; empty where upstream has no such project (404 or 410). */
  Optional<ProjectPage> page(ProjectName name) throws IOException {
    String base = pageUrl(name);
    long max = ctx.fetcher().limits().maxPageBytes();
    try {
      if (!local) {
        return read(URI.create(base), ACCEPT, max, b -> parse(name, b, isJson(b), b.finalUrl()));
      }
      Optional<ProjectPage> json =
          read(URI.create(base + Layout.PROJECT_JSON), null, max, b -> parse(name, b, true, base));
      return json.isPresent()
          ? json
          : read(
              URI.create(base + Layout.PROJECT_HTML), null, max, b -> parse(name, b, false, base));
    } catch (TooLargeException e) {
      throw new BadUpstreamException(
          name.name()
              + ": upstream page "
              + base
              + " is larger than "
              + max
              + " bytes (limits.max-page-size); refused",
          e);
    }
  }

  /**
   * Planning is over: the kept project list is let go (for all of PyPI, hundreds of thousands of
   * names and serials), so {@link #serials} would read it again.
   */
  void planned() {
    root = null;
  }

  /** Where {@link #page} looks for the project, for messages. */
  String pageUrl(ProjectName name) {
    return simple + name.normalized() + "/";
  }

  /**
   * Upstream's {@code _last-serial} of every project, from its project list (PyPI's {@code
   * /simple/} in JSON); empty, with a warning, where it gives none.
   */
  Map<String, Long> serials() throws IOException {
    RootIndex listed = root;
    if (listed != null) {
      return listed.serials();
    }
    // Through the share: a publish answers with the serials its shards read.
    return ctx.share().serials(this::readSerials);
  }

  private Map<String, Long> readSerials() {
    long max = ctx.fetcher().limits().maxIndexBytes();
    URI url = URI.create(local ? simple + Layout.PROJECT_JSON : simple);
    String why;
    try {
      return read(
              url,
              ACCEPT,
              max,
              b -> local || isJson(b) ? RootSerials.parse(b.body()) : Map.<String, Long>of(),
              false)
          .orElse(Map.of());
    } catch (TooLargeException e) {
      why = "larger than " + max + " bytes (limits.max-index-size)";
    } catch (IOException | RuntimeException e) {
      why = e.getMessage();
    }
    ctx.warn(
        "upstream's project list "
            + simple
            + " gave no serials ("
            + why
            + "); fetching every project's page");
    return Map.of();
  }

  /**
   * Every project upstream's root index lists (PEP 691 JSON asked for, PEP 503 HTML accepted),
   * within {@code limits.max-index-size}. Kept: {@link #serials} then answers from the same list.
   */
  RootIndex projects() throws IOException {
    long max = ctx.fetcher().limits().maxIndexBytes();
    URI url = URI.create(local ? simple + Layout.PROJECT_JSON : simple);
    Optional<RootIndex> got;
    try {
      got =
          read(
              url,
              ACCEPT,
              max,
              b ->
                  local || isJson(b)
                      ? RootIndex.json(b.body(), ctx::warn)
                      : RootIndex.html(b.body(), ctx::warn));
      if (got.isEmpty() && local) {
        url = URI.create(simple + Layout.PROJECT_HTML);
        got = read(url, null, max, b -> RootIndex.html(b.body(), ctx::warn));
      }
    } catch (TooLargeException e) {
      throw new BadUpstreamException(
          "upstream's project list "
              + url
              + " is larger than "
              + max
              + " bytes (limits.max-index-size); refused",
          e);
    }
    if (got.isEmpty()) {
      throw new BadUpstreamException(
          "upstream's project list " + url + " is missing (404); projects: all needs it");
    }
    if (got.get().withoutSerials()) {
      ctx.warn(
          "upstream's project list "
              + url
              + " gives no serials; every project's page is read to know what changed");
    }
    root = got.get();
    return root;
  }

  private ProjectPage parse(ProjectName name, Fetcher.PageBody b, boolean json, String pageUrl)
      throws IOException {
    ProjectPage parsed =
        json
            ? UpstreamPages.parseJson(name, b.body(), pageUrl)
            : UpstreamPages.parseHtml(name, b.body(), pageUrl);
    long headerSerial = b.header("X-PyPI-Last-Serial").map(UpstreamClient::parseLong).orElse(-1L);
    return new ProjectPage(
        parsed.name(),
        parsed.files(),
        Math.max(parsed.lastSerial(), headerSerial),
        parsed.status());
  }

  /**
   * {@link Fetcher#page} where a failure of the body (the network, a limit) is the fetcher's to
   * retry or pass on, while a page that reads but is refused fails at once, naming the page.
   */
  private <T> Optional<T> read(URI url, String accept, long max, Fetcher.PageReader<T> reader)
      throws IOException {
    return read(url, accept, max, reader, true);
  }

  /**
   * With {@code viaShare}, the page is read through the share ({@link
   * dev.tintype.sync.Share#page}): a shard keeps it for the publish, which reads it from there.
   */
  private <T> Optional<T> read(
      URI url, String accept, long max, Fetcher.PageReader<T> reader, boolean viaShare)
      throws IOException {
    Fetcher.PageReader<T> watched =
        b -> {
          Watched body = new Watched(b.body());
          try {
            return reader.read(new Fetcher.PageBody(body, b.headers(), b.finalUrl()));
          } catch (IOException e) {
            if (body.failed) {
              throw e;
            }
            throw new Refused(refusal(url, e));
          } catch (IllegalArgumentException e) {
            throw new Refused(new BadUpstreamException(url + ": " + e.getMessage(), e));
          }
        };
    try {
      return viaShare
          ? ctx.share().page(ctx.fetcher(), url, accept, max, watched)
          : ctx.fetcher().page(url, accept, max, watched);
    } catch (Refused r) {
      throw r.refusal;
    }
  }

  private static BadUpstreamException refusal(URI url, IOException e) {
    return e instanceof BadUpstreamException bad
        ? bad
        : new BadUpstreamException("refused upstream page " + url + ": " + e.getMessage(), e);
  }

  private static boolean isJson(Fetcher.PageBody p) {
    return p.header("Content-Type").map(t -> t.contains("json")).orElse(false);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Carries a refused page past the fetcher's retries. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BadUpstreamException refusal;

    Refused(BadUpstreamException refusal) {
      super(refusal.getMessage(), refusal, false, false);
      this.refusal = refusal;
    }
  }

  /** Remembers whether reading the body itself failed, as opposed to parsing what it gave. */
  private static final class Watched extends FilterInputStream {
    boolean failed;

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }
}
