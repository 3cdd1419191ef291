package dev.tintype.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tintype.fetch.FetchPolicy;
import dev.tintype.fetch.Limits;
import dev.tintype.format.layout.RepoName;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code tintype.yaml}. Every error names the file and the key. */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

  private final String source;
  private final Values values;

  /** The config file's name, which every error starts with. */
  String source() {
    return source;
  }

  private ConfigLoader(String source) {
    this.source = source;
    this.values = new Values(source);
  }

  /** Holds the signing key's text when {@code signing.key} is not set. */
  public static final String SIGNING_KEY_ENV = "TINTYPE_SIGNING_KEY";

  public static Config load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    return new ConfigLoader(file.toString()).parse(text, base, System.getenv());
  }

  /** Parses YAML text; relative filesystem paths resolve against {@code base}. */
  public static Config parse(String text, String source, Path base) throws ConfigException {
    return parse(text, source, base, Map.of());
  }

  /**
   * As {@link #parse(String, String, Path)}, with the environment {@code TINTYPE_*} is read from.
   */
  public static Config parse(String text, String source, Path base, Map<String, String> env)
      throws ConfigException {
    return new ConfigLoader(source).parse(text, base, env);
  }

  private Config parse(String text, Path base, Map<String, String> env) throws ConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(source + ": empty config; it needs 'storage' and 'repos'");
    }
    object(
        root,
        "(top level)",
        Set.of(
            "storage",
            "repos",
            "download",
            "limits",
            "signing",
            "trusted-keys",
            "retention",
            "public-url"));
    StorageConfig storage = storage(required(root, "storage", ""), base);
    JsonNode reposNode = required(root, "repos", "");
    if (!reposNode.isArray() || reposNode.isEmpty()) {
      throw new ConfigException(source + ": 'repos' must be a non-empty list");
    }
    List<RepoConfig> repos = new ArrayList<>();
    Set<RepoName> seen = new HashSet<>();
    for (int i = 0; i < reposNode.size(); i++) {
      RepoConfig r = new RepoReader(this, base).repo(reposNode.get(i), "repos[" + i + "]");
      if (!seen.add(r.name())) {
        throw new ConfigException(source + ": repos[" + i + "].name '" + r.name() + "' repeats");
      }
      repos.add(r);
    }
    int parallel = 4;
    FetchPolicy fetch = FetchPolicy.defaults();
    JsonNode download = root.get("download");
    if (download != null) {
      object(
          download,
          "download",
          Set.of(
              "parallel",
              "min-rate",
              "rate-window",
              "run-deadline",
              "max-redirects",
              "allowed-hosts"));
      if (download.has("parallel")) {
        parallel = integer(download.get("parallel"), "download.parallel", 1, 64);
      }
      fetch = download(download, fetch);
    }
    JsonNode limits = root.get("limits");
    if (limits != null) {
      object(limits, "limits", Set.of("max-page-size", "max-index-size"));
      long page = fetch.limits().maxPageBytes();
      long index = fetch.limits().maxIndexBytes();
      if (limits.has("max-page-size")) {
        page = values.size(limits.get("max-page-size"), "limits.max-page-size", 1024);
      }
      if (limits.has("max-index-size")) {
        index = values.size(limits.get("max-index-size"), "limits.max-index-size", 1024);
      }
      fetch = fetch.withLimits(new Limits(page, index));
    }
    JsonNode retention = root.get("retention");
    return new Config(
        storage,
        repos,
        parallel,
        fetch,
        new TrustReader(this).read(root, base, env),
        retention == null
            ? java.util.Optional.empty()
            : java.util.Optional.of(new RetentionReader(this).read(retention)),
        publicUrl(root.get("public-url")));
  }

  /** The base URL the browsable pages print in setup lines, without a trailing slash. */
  private Optional<String> publicUrl(JsonNode v) throws ConfigException {
    if (v == null) {
      return Optional.empty();
    }
    String text = text(v, "public-url");
    URI u = url(text, "public-url");
    if (u.getScheme().equalsIgnoreCase("file")
        || u.getHost() == null
        || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      throw new ConfigException(
          source
              + ": public-url '"
              + text
              + "' must be an http:// or https:// URL with a host and no query or fragment");
    }
    return Optional.of(text.replaceAll("/+$", ""));
  }

  private FetchPolicy download(JsonNode d, FetchPolicy fetch) throws ConfigException {
    if (d.has("min-rate") || d.has("rate-window")) {
      long rate =
          d.has("min-rate")
              ? values.size(d.get("min-rate"), "download.min-rate", 0)
              : fetch.minRate();
      Duration window =
          d.has("rate-window")
              ? values.duration(d.get("rate-window"), "download.rate-window", Duration.ofSeconds(1))
              : fetch.rateWindow();
      fetch = fetch.withRate(rate, window);
    }
    if (d.has("run-deadline")) {
      JsonNode v = d.get("run-deadline");
      if (!(v.isTextual() && v.asText().strip().equalsIgnoreCase("off"))) {
        fetch =
            fetch.withRunDeadline(
                values.duration(v, "download.run-deadline", Duration.ofSeconds(1)));
      }
    }
    if (d.has("max-redirects")) {
      fetch = fetch.withRedirects(integer(d.get("max-redirects"), "download.max-redirects", 0, 20));
    }
    if (d.has("allowed-hosts")) {
      JsonNode hosts = d.get("allowed-hosts");
      if (!hosts.isArray() || hosts.isEmpty()) {
        throw new ConfigException(
            source + ": download.allowed-hosts must be a non-empty list of host names");
      }
      Set<String> allowed = new HashSet<>();
      for (int i = 0; i < hosts.size(); i++) {
        String key = "download.allowed-hosts[" + i + "]";
        String h = text(hosts.get(i), key).strip();
        if (!HOST.matcher(h).matches()) {
          throw new ConfigException(
              source
                  + ": "
                  + key
                  + " '"
                  + h
                  + "' must be a host name like files.pythonhosted.org, without scheme, port or"
                  + " path");
        }
        allowed.add(h);
      }
      fetch = fetch.withAllowedHosts(allowed);
    }
    return fetch;
  }

  private StorageConfig storage(JsonNode node, Path base) throws ConfigException {
    object(node, "storage", Set.of("filesystem", "s3"));
    boolean fs = node.has("filesystem");
    boolean s3 = node.has("s3");
    if (fs == s3) {
      throw new ConfigException(source + ": 'storage' needs exactly one of 'filesystem' or 's3'");
    }
    if (fs) {
      String dir = text(node.get("filesystem"), "storage.filesystem");
      return new StorageConfig(Optional.of(base.resolve(dir).normalize()), Optional.empty());
    }
    JsonNode s = node.get("s3");
    object(s, "storage.s3", Set.of("bucket", "prefix", "region", "endpoint", "path-style"));
    String bucket = text(required(s, "bucket", "storage.s3."), "storage.s3.bucket");
    String prefix = s.has("prefix") ? text(s.get("prefix"), "storage.s3.prefix") : "";
    if (prefix.startsWith("/") || prefix.contains("..")) {
      throw new ConfigException(source + ": storage.s3.prefix '" + prefix + "' is not relative");
    }
    String region = s.has("region") ? text(s.get("region"), "storage.s3.region") : "us-east-1";
    Optional<URI> endpoint =
        s.has("endpoint")
            ? Optional.of(
                url(text(s.get("endpoint"), "storage.s3.endpoint"), "storage.s3.endpoint"))
            : Optional.empty();
    boolean pathStyle = false;
    if (s.has("path-style")) {
      if (!s.get("path-style").isBoolean()) {
        throw new ConfigException(source + ": storage.s3.path-style must be true or false");
      }
      pathStyle = s.get("path-style").booleanValue();
    }
    return new StorageConfig(
        Optional.empty(),
        Optional.of(new StorageConfig.S3(bucket, prefix, region, endpoint, pathStyle)));
  }

  URI url(String text, String key) throws ConfigException {
    try {
      URI u = new URI(text);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!Set.of("http", "https", "file").contains(scheme)) {
        throw new ConfigException(
            source + ": " + key + " '" + text + "' must be an http://, https:// or file:// URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigException(source + ": " + key + " '" + text + "' is not a URL", e);
    }
  }

  void object(JsonNode node, String where, Set<String> allowed) throws ConfigException {
    if (!node.isObject()) {
      throw new ConfigException(source + ": " + where + " must be a mapping of keys");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        String at = where.equals("(top level)") ? k : where + "." + k;
        throw new ConfigException(
            source
                + ": unknown key '"
                + at
                + "'; expected one of "
                + new java.util.TreeSet<>(allowed));
      }
    }
  }

  JsonNode required(JsonNode node, String key, String prefix) throws ConfigException {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new ConfigException(source + ": missing required key '" + prefix + key + "'");
    }
    return v;
  }

  String text(JsonNode v, String key) throws ConfigException {
    if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
      throw new ConfigException(source + ": " + key + " must be a non-empty string");
    }
    return v.asText();
  }

  private int integer(JsonNode v, String key, int min, int max) throws ConfigException {
    if (!v.isInt() || v.intValue() < min || v.intValue() > max) {
      throw new ConfigException(
          source + ": " + key + " must be a whole number " + min + ".." + max);
    }
    return v.intValue();
  }
}
