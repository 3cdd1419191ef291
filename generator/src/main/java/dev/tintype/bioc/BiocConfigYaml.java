package dev.tintype.bioc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.manifest.FileEntry;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.PreviousSnapshot;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Bioconductor's {@code config.yaml}, which BiocManager reads (from {@code
 * BIOCONDUCTOR_CONFIG_FILE}) to tell which release goes with the running R. It is copied byte for
 * byte, after checking that it is YAML with the keys BiocManager needs.
 */
final class BiocConfigYaml {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What BiocManager's {@code .version_map_get_online} reads. */
  static final List<String> REQUIRED = List.of("release_version", "devel_version");

  static final String VERSION_MAP = "r_ver_for_bioc_ver";

  private final byte[] bytes;
  private final JsonNode tree;

  private BiocConfigYaml(byte[] bytes, JsonNode tree) {
    this.bytes = bytes;
    this.tree = tree;
  }

  /**
   * Fetches {@code <upstream>/config.yaml} (at most {@code limits.max-page-size}) and checks it.
   *
   * @throws BadUpstreamException naming the file when it is missing, not YAML, or lacks a key
   */
  static BiocConfigYaml fetch(MirrorContext ctx) throws IOException {
    URI url = URI.create(ctx.repo().upstreamBase() + "/" + Layout.BIOC_CONFIG);
    Fetcher f = ctx.fetcher();
    // Through the share: a publish reads the file its shards read, not upstream's now.
    byte[] body =
        ctx.share()
            .page(f, url, null, f.limits().maxPageBytes(), b -> b.body().readAllBytes())
            .orElseThrow(
                () ->
                    new BadUpstreamException(
                        url
                            + " is not there (404): BiocManager reads it to choose the release"
                            + " for its R version; refused"));
    return parse(url.toString(), body);
  }

  static BiocConfigYaml parse(String source, byte[] body) throws BadUpstreamException {
    JsonNode tree;
    try {
      tree = YAML.readTree(body);
    } catch (JacksonException e) {
      throw new BadUpstreamException(
          source + " is not YAML (" + e.getOriginalMessage() + "); refused", e);
    } catch (IOException e) {
      throw new BadUpstreamException(source + " is not YAML (" + e.getMessage() + "); refused", e);
    }
    // An HTML error page parses as one YAML string: what BiocManager needs is a mapping.
    if (tree == null || !tree.isObject()) {
      throw new BadUpstreamException(
          source
              + " is not a YAML mapping (found "
              + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase(Locale.ROOT))
              + "); refused");
    }
    for (String key : REQUIRED) {
      JsonNode v = tree.get(key);
      if (v == null || !v.isValueNode()) {
        throw new BadUpstreamException(
            source + " has no " + key + ", which BiocManager reads; refused");
      }
    }
    JsonNode map = tree.get(VERSION_MAP);
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw new BadUpstreamException(
          source
              + " has no "
              + VERSION_MAP
              + " mapping of Bioconductor releases to R versions, which BiocManager reads;"
              + " refused");
    }
    return new BiocConfigYaml(body, tree);
  }

  /** The configured releases this file does not map to an R version. */
  List<String> unmapped(List<String> versions) {
    JsonNode map = tree.get(VERSION_MAP);
    List<String> out = new ArrayList<>();
    for (String v : versions) {
      if (!map.has(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Puts the file at the snapshot root: carried (linked) from the earlier snapshot when that one
   * holds these very bytes, as its manifest says and as read back.
   */
  void publish(MirrorContext ctx, SnapshotSink sink) throws IOException {
    String sha = Sha256.hash(bytes).hex();
    if (ctx.previous().isPresent()) {
      PreviousSnapshot m = ctx.previous().get();
      String earlier = m.key(Layout.BIOC_CONFIG);
      FileEntry f = m.file(Layout.BIOC_CONFIG);
      if (f != null && f.sha256().equals(sha) && f.size() == bytes.length && holds(ctx, earlier)) {
        sink.carry(Layout.BIOC_CONFIG, earlier, f);
        return;
      }
    }
    sink.write(Layout.BIOC_CONFIG, bytes);
  }

  private boolean holds(MirrorContext ctx, String key) throws IOException {
    try (InputStream in = ctx.storage().open(key)) {
      return Arrays.equals(in.readNBytes(bytes.length + 1), bytes);
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
