package dev.tintype.format.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tintype.format.layout.Sha256;

/** One file: its storage-relative path, size and digests. {@code md5} is kept for CRAN files. */
@JsonPropertyOrder({"path", "size", "sha256", "md5"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileEntry(
    @JsonProperty(value = "path", required = true) String path,
    @JsonProperty(value = "size", required = true) long size,
    @JsonProperty(value = "sha256", required = true) String sha256,
    @JsonProperty("md5") String md5) {

  public FileEntry {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("bad manifest path '" + path + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException(path + ": negative size " + size);
    }
    new Sha256(sha256);
    if (md5 != null && !Sha256.isLowerHex(md5, 32)) {
      throw new IllegalArgumentException(path + ": bad md5 '" + md5 + "'");
    }
  }

  public Sha256 digest() {
    return new Sha256(sha256);
  }
}
