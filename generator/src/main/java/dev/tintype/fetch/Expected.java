package dev.tintype.fetch;

import dev.tintype.format.layout.Sha256;
import java.util.Locale;

/** What upstream says a file is: any of md5, sha256 and size may be unknown (null). */
public record Expected(String md5, Sha256 sha256, Long size) {
  public Expected {
    if (md5 != null) {
      md5 = md5.toLowerCase(Locale.ROOT);
      if (!md5.matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("bad MD5 '" + md5 + "': expected 32 hex digits");
      }
    }
    if (size != null && size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }

  /** Throws unless {@code d} is what this expects; {@code what} names the file for the error. */
  public void verify(String what, Downloaded d) throws IntegrityException {
    if (size != null && size != d.size()) {
      throw new IntegrityException(
          what + ": size mismatch: expected " + size + " bytes, got " + d.size());
    }
    if (md5 != null && !md5.equals(d.md5())) {
      throw new IntegrityException(
          what + ": MD5 mismatch: upstream index says " + md5 + ", file has " + d.md5());
    }
    if (sha256 != null && !sha256.equals(d.sha256())) {
      throw new IntegrityException(
          what + ": sha256 mismatch: upstream says " + sha256 + ", file has " + d.sha256());
    }
  }

  public static Expected nothing() {
    return new Expected(null, null, null);
  }
}
