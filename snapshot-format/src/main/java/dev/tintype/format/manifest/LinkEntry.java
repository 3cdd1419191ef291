package dev.tintype.format.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A snapshot path that is a hard link to (on S3: stands for) a pool file. */
@JsonPropertyOrder({"path", "pool"})
public record LinkEntry(
    @JsonProperty(value = "path", required = true) String path,
    @JsonProperty(value = "pool", required = true) String pool) {
  public LinkEntry {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("bad link path '" + path + "'");
    }
    if (pool == null || !pool.startsWith("pool/") || pool.contains("..")) {
      throw new IllegalArgumentException(path + ": bad pool target '" + pool + "'");
    }
  }
}
