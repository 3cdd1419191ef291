package dev.tintype.verify;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Verifies a snapshot of {@code n} pool files and {@code n} links whose manifest is generated as it
 * is read and whose files all hold one byte, so no test data of that size exists anywhere: run in a
 * JVM with a small heap, it fails if the verifier holds the manifest's entries. Exits 0 when the
 * report is clean and counts every file.
 */
final class LargeSnapshotCheck {
  static final RepoName REPO = new RepoName("pypi");
  static final SnapshotDate DATE = SnapshotDate.parse("2026-01-01");
  private static final byte[] CONTENT = {'x'};
  private static final String SHA = Sha256.hash(CONTENT).hex();

  private LargeSnapshotCheck() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    FileStorage real = new FileStorage(root);
    String manifest = Layout.manifest(REPO, DATE);
    Storage fake =
        (Storage)
            Proxy.newProxyInstance(
                Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class},
                (proxy, method, a) -> {
                  if (method.getName().equals("open")) {
                    String key = (String) a[0];
                    if (key.equals(manifest)) {
                      return new Generated(n);
                    }
                    if (key.startsWith("pool/") || key.startsWith("pypi/")) {
                      return new ByteArrayInputStream(CONTENT);
                    }
                  }
                  if (method.getName().equals("exists") && manifest.equals(a[0])) {
                    return true;
                  }
                  try {
                    return method.invoke(real, a);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (Verifier v = new Verifier(fake)) {
      Verifier.Report r = v.verify(REPO, DATE);
      System.out.println(r.files() + " files, " + r.problems().size() + " problems");
      System.exit(r.ok() && r.files() == 2 * n ? 0 : 1);
    }
  }

  /** A manifest of {@code n} links and pool files, written as it is read. */
  private static final class Generated extends InputStream {
    private final int n;
    private int part; // 0 head, 1 links, 2 between, 3 pool, 4 tail, 5 done
    private int i;
    private byte[] chunk = new byte[0];
    private int at;

    Generated(int n) {
      this.n = n;
    }

    @Override
    public int read() throws IOException {
      while (at == chunk.length) {
        if (!refill()) {
          return -1;
        }
      }
      return chunk[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
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
          s =
              "{\"format\":1,\"repo\":\"pypi\",\"type\":\"pypi\",\"date\":\"2026-01-01\","
                  + "\"packages\":0,\"properties\":{},\"files\":[],\"links\":[";
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
                    ? sep + "{\"path\":\"p/" + id(i) + "/x.whl\",\"pool\":\"" + pool(i) + "\"}"
                    : sep + "{\"path\":\"" + pool(i) + "\",\"size\":1,\"sha256\":\"" + SHA + "\"}";
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

    private static String id(int i) {
      return String.format(Locale.ROOT, "%07d", i);
    }

    private static String pool(int i) {
      return "pool/" + id(i) + "/x.whl";
    }
  }
}
