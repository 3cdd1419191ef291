package dev.tintype.shard;

import dev.tintype.format.layout.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Shard {@code index} of {@code count} (counting from 0, as a Kubernetes Indexed Job's completion
 * index does). A package or project belongs to the shard its name's sha256 picks, so every process
 * of a run, on any machine and JVM, splits the plan the same way.
 */
public record ShardSpec(int index, int count) {
  /** Far more than any cluster runs; keeps a typo from making a million empty shards. */
  public static final int MAX_COUNT = 10_000;

  public ShardSpec {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "the shard count must be 1 to " + MAX_COUNT + ", got " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard index " + index + " is outside 0.." + (count - 1) + " of " + count + " shards");
    }
  }

  /** Parses {@code I/N}, as {@code sync --shard} takes it. */
  public static ShardSpec parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 1 || !text.matches("\\d{1,9}/\\d{1,9}")) {
      throw new IllegalArgumentException("a shard is INDEX/COUNT, such as 0/8, got '" + text + "'");
    }
    return new ShardSpec(
        Integer.parseInt(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
  }

  /** Whether the package or project {@code name} is this shard's to fetch. */
  public boolean owns(String name) {
    return shardOf(name, count) == index;
  }

  /** The shard of {@code name} among {@code count}: its sha256's first 8 bytes, modulo count. */
  public static int shardOf(String name, int count) {
    byte[] d = Sha256.newDigest().digest(name.getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(v, count);
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
