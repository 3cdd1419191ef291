package dev.tintype.fetch;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Sends GETs (and HEADs) and follows redirects itself, each hop through the {@link UrlPolicy}. */
final class HttpOpener {
  // A run talks to one or two origins; more than this are parsed each time.
  private static final int MAX_ORIGINS = 32;

  private final Supplier<OkHttpClient> shared;
  private OkHttpClient client;
  // Each origin parsed once: parsing a whole URL canonicalizes its host (IDNA mapping) every time,
  // 6 % of the Java samples of a first CRAN sync; a path resolved against a parsed origin is not.
  private final Map<String, HttpUrl> origins = new ConcurrentHashMap<>();

  HttpOpener(Supplier<OkHttpClient> shared) {
    this.shared = shared;
  }

  /** Built on the first request: a run that fetches only file: URLs never loads okhttp. */
  private synchronized OkHttpClient client() {
    if (client == null) {
      // Shares the pool and dispatcher; okhttp must not follow a redirect the policy has not seen.
      client = shared.get().newBuilder().followRedirects(false).followSslRedirects(false).build();
    }
    return client;
  }

  /**
   * The response at the end of the redirects from {@code url}; the caller closes it. A download
   * asks for the bytes as stored ({@code Accept-Encoding: identity}): okhttp would otherwise ask
   * for gzip and silently unpack a tarball served gzip-encoded.
   */
  Response get(URI url, UrlPolicy policy, String accept, boolean download, Transfer transfer)
      throws IOException {
    return send("GET", url, policy, accept, download, transfer);
  }

  /** As {@link #get} for a download, but a HEAD: the headers of the file, not its bytes. */
  Response head(URI url, UrlPolicy policy, Transfer transfer) throws IOException {
    return send("HEAD", url, policy, null, true, transfer);
  }

  private Response send(
      String method, URI url, UrlPolicy policy, String accept, boolean download, Transfer transfer)
      throws IOException {
    policy.check(url);
    URI current = url;
    Set<URI> visited = new HashSet<>();
    visited.add(current);
    for (int hops = 1; ; hops++) {
      Request.Builder rb = new Request.Builder().url(httpUrl(current)).method(method, null);
      if (accept != null) {
        rb.header("Accept", accept);
      }
      if (download) {
        rb.header("Accept-Encoding", "identity");
      }
      Call call = client().newCall(rb.build());
      transfer.call(call);
      Response r;
      try {
        r = call.execute();
      } catch (IOException e) {
        throw transfer.explain(e);
      }
      String location = r.header("Location");
      if (!r.isRedirect() || location == null) {
        return r;
      }
      r.close();
      current = policy.redirect(current, location, hops, visited);
      visited.add(current);
    }
  }

  /** {@code url} as okhttp's URL, the same as {@code HttpUrl.get(url.toString())}. */
  HttpUrl httpUrl(URI url) {
    String path = url.getRawPath();
    String authority = url.getRawAuthority();
    if (authority == null
        || path == null
        || path.startsWith("//")
        || url.getRawFragment() != null) {
      return HttpUrl.get(url.toString());
    }
    String origin = url.getScheme() + "://" + authority;
    if (origins.size() >= MAX_ORIGINS && !origins.containsKey(origin)) {
      return HttpUrl.get(url.toString());
    }
    HttpUrl base = origins.computeIfAbsent(origin, o -> HttpUrl.get(o + "/"));
    String query = url.getRawQuery();
    HttpUrl resolved =
        base.resolve((path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query));
    return resolved != null ? resolved : HttpUrl.get(url.toString());
  }
}
