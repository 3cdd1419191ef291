package dev.tintype.bundle;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --chunk-size}: bytes, or a number with K, M, G or T (powers of 1024). */
public final class ChunkSize {
  /** One GiB: the default. */
  public static final long DEFAULT = 1L << 30;

  /** Below this the tar headers would crowd out the data. */
  public static final long MIN = 64L << 10;

  private static final Pattern FORM =
      Pattern.compile("([0-9]{1,15})\\s*(?:([KMGT])(?:I?B)?|B)?", Pattern.CASE_INSENSITIVE);

  private ChunkSize() {}

  /** Every chunk of a bundle stays strictly below the size, so {@code 4G} suits FAT32. */
  public static long parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad chunk size '" + text + "': expected a number of bytes or one like 700M, 4G");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        m.group(2) == null
            ? 0
            : switch (m.group(2).toUpperCase(Locale.ROOT)) {
              case "K" -> 10;
              case "M" -> 20;
              case "G" -> 30;
              default -> 40;
            };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("chunk size '" + text + "' is too large");
    }
    long bytes = n << shift;
    if (bytes < MIN) {
      throw new IllegalArgumentException(
          "chunk size '" + text + "' is below the minimum of " + MIN + " bytes (64K)");
    }
    return bytes;
  }
}
