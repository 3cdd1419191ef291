package dev.tintype.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Which URLs one repository's sync may follow: the one place that decides, so that an upstream page
 * cannot point tintype at local files or, through redirects, anywhere the rules forbid.
 *
 * <ul>
 *   <li>{@code file:} only when the upstream itself is {@code file://}, and then only under its
 *       directory, symbolic links resolved;
 *   <li>{@code http}/{@code https} to any host, or only to {@code download.allowed-hosts} and the
 *       upstream's own host when that key is set;
 *   <li>redirects never to {@code file:}, never from https to http, at most {@code
 *       download.max-redirects} of them, and no loops.
 * </ul>
 *
 * @param upstream the repository's configured upstream; null for a fetcher bound to none, which
 *     follows http(s) only
 */
public record UrlPolicy(URI upstream, Set<String> allowedHosts, int maxRedirects) {
  public UrlPolicy {
    allowedHosts = Set.copyOf(allowedHosts);
  }

  /** The policy of a fetcher not bound to a repository: http(s) only. */
  public static UrlPolicy unbound(FetchPolicy p) {
    return new UrlPolicy(null, p.allowedHosts(), p.maxRedirects());
  }

  public static UrlPolicy forUpstream(URI upstream, FetchPolicy p) {
    return new UrlPolicy(
        Objects.requireNonNull(upstream, "upstream"), p.allowedHosts(), p.maxRedirects());
  }

  /** Throws unless {@code url} may be fetched from this upstream. Opens nothing. */
  public void check(URI url) throws RefusedUrlException {
    String scheme = scheme(url);
    if (scheme.equals("file")) {
      localPath(url);
      return;
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused(
          url, "only http and https URLs are followed (file: only from a file:// upstream)");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw refused(url, "it names no host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (!allowedHosts.isEmpty() && !allowedHosts.contains(host) && !host.equals(upstreamHost())) {
      throw refused(
          url,
          "host "
              + host
              + " is not in download.allowed-hosts "
              + new java.util.TreeSet<>(allowedHosts)
              + (upstreamHost() == null ? "" : " nor the upstream's own host " + upstreamHost()));
    }
  }

  /**
   * The local file {@code url} names, symbolic links resolved; refused unless it is a {@code file:}
   * URL of a file:// upstream that stays under the upstream's directory. Throws {@link
   * java.nio.file.NoSuchFileException} for a missing file under it.
   */
  public Path localFile(URI url) throws IOException {
    Path lexical = localPath(url);
    Path root = rootDir().toRealPath();
    Path real = lexical.toRealPath();
    if (!real.startsWith(root)) {
      throw refused(
          url, "it leads outside the upstream directory " + rootDir() + " through a symbolic link");
    }
    return real;
  }

  /**
   * Where a redirect from {@code from} (the {@code hops}-th, counting from 1) to {@code location}
   * leads, if the rules allow following it.
   */
  public URI redirect(URI from, String location, int hops, Set<URI> visited)
      throws RefusedUrlException {
    HttpUrl base = HttpUrl.get(from.toString());
    HttpUrl to = location == null ? null : base.resolve(location);
    if (to == null) {
      throw new RefusedUrlException(
          "redirect from "
              + from
              + " to '"
              + location
              + "' refused: a redirect is only followed to an http or https URL, never to file:");
    }
    URI target = to.uri();
    if (hops > maxRedirects) {
      throw new RefusedUrlException(
          "too many redirects from "
              + from
              + " (next: "
              + target
              + "): more than download.max-redirects ("
              + maxRedirects
              + ")");
    }
    if (base.isHttps() && !to.isHttps()) {
      throw new RefusedUrlException(
          "redirect from " + from + " to " + target + " refused: it would downgrade https to http");
    }
    if (visited.contains(target)) {
      throw new RefusedUrlException(
          "redirect loop: " + from + " leads back to " + target + ", already visited");
    }
    check(target);
    return target;
  }

  private Path localPath(URI url) throws RefusedUrlException {
    if (upstream == null || !scheme(upstream).equals("file")) {
      throw refused(
          url,
          "a file: URL is only followed from a file:// upstream, and this upstream is "
              + (upstream == null ? "none" : upstream.toString()));
    }
    Path p;
    Path root;
    try {
      p = Path.of(url).toAbsolutePath().normalize();
      root = rootDir();
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw refused(url, "it is not a plain local file URL");
    }
    if (!p.startsWith(root)) {
      throw refused(url, "it is outside the upstream directory " + rootDir());
    }
    return p;
  }

  private Path rootDir() {
    return Path.of(upstream).toAbsolutePath().normalize();
  }

  private String upstreamHost() {
    return upstream == null || upstream.getHost() == null
        ? null
        : upstream.getHost().toLowerCase(Locale.ROOT);
  }

  private static String scheme(URI u) {
    return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
  }

  private static RefusedUrlException refused(URI url, String rule) {
    return new RefusedUrlException(url + " refused: " + rule);
  }
}
