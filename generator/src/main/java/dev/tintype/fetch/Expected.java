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

  public static Expected nothing() {
    return new Expected(null, null, null);
  }
}
