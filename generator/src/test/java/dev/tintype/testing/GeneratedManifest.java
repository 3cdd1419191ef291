package dev.tintype.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A {@code manifest.json} of {@code n} links and {@code n} pool files of one byte with sha256
 * {@code sha}, written as it is read, so that no test data of that size exists anywhere. Link
 * {@code i} is {@code link.apply(i)} to pool file {@code pool.apply(i)}; both must sort by {@code
 * i}.
 */
public final class GeneratedManifest extends InputStream {
  private final String head;
  private final int n;
  private final String sha;
  private final IntFunction<String> link;
  private final IntFunction<String> pool;
  private int part; // 0 head, 1 links, 2 between, 3 pool, 4 tail, 5 done
  private int i;
  private byte[] chunk = new byte[0];
  private int at;

  public GeneratedManifest(
      String repo,
      String date,
      int n,
      String sha,
      IntFunction<String> link,
      IntFunction<String> pool) {
    this.head =
        "{\"format\":1,\"repo\":\"%s\",\"type\":\"pypi\",\"date\":\"%s\",\"packages\":0,\"properties\":{},\"files\":[],\"links\":["
            .formatted(repo, date);
    this.n = n;
    this.sha = sha;
    this.link = link;
    this.pool = pool;
  }

  @Override
  public int read() {
    while (at == chunk.length) {
      if (!refill()) {
        return -1;
      }
    }
    return chunk[at++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    while (at == chunk.length) {
      if (!refill()) {
        return -1;
      }
    }
    int k = Math.min(len, chunk.length - at);
    System.arraycopy(chunk, at, b, off, k);
    at += k;
    return k;
  }

  private boolean refill() {
    String s;
    switch (part) {
      case 0 -> {
        s = head;
        part = 1;
      }
      case 1, 3 -> {
        if (i == n) {
          s = "]";
          i = 0;
          part++;
        } else {
          String sep = i == 0 ? "" : ",";
          s =
              part == 1
                  ? sep + "{\"path\":\"" + link.apply(i) + "\",\"pool\":\"" + pool.apply(i) + "\"}"
                  : sep
                      + "{\"path\":\""
                      + pool.apply(i)
                      + "\",\"size\":1,\"sha256\":\""
                      + sha
                      + "\"}";
          i++;
        }
      }
      case 2 -> {
        s = ",\"pool\":[";
        part = 3;
      }
      case 4 -> {
        s = "}\n";
        part = 5;
      }
      default -> {
        return false;
      }
    }
    chunk = s.getBytes(StandardCharsets.UTF_8);
    at = 0;
    return true;
  }
}
