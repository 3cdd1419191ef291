package dev.tintype.fetch;

/**
 * Upper bounds on what an upstream may make us read, so that a hostile or broken upstream fails
 * with a message instead of exhausting memory. Config keys: {@code limits.max-page-size} and {@code
 * limits.max-index-size}.
 *
 * @param maxPageBytes one upstream page as served (a PyPI project page, a compressed index)
 * @param maxIndexBytes an index after decompression (CRAN's PACKAGES from PACKAGES.gz)
 */
public record Limits(long maxPageBytes, long maxIndexBytes) {
  public static final long DEFAULT_MAX_PAGE_BYTES = 64L << 20;
  public static final long DEFAULT_MAX_INDEX_BYTES = 1L << 30;

  public Limits {
    if (maxPageBytes < 1 || maxIndexBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_PAGE_BYTES, DEFAULT_MAX_INDEX_BYTES);
  }
}
