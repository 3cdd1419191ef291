package dev.tintype.verify;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.Storage;
import dev.tintype.testing.GeneratedManifest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Verifies a snapshot of {@code n} pool files and {@code n} links whose manifest is generated as it
 * is read ({@link GeneratedManifest}) and whose files all hold one byte: run in a JVM with a small
 * heap, it fails if the verifier holds the manifest's entries. Exits 0 when the report is clean and
 * counts every file.
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
                      return new GeneratedManifest(
                          "pypi",
                          "2026-01-01",
                          n,
                          SHA,
                          i -> "p/" + id(i) + "/x.whl",
                          i -> "pool/" + id(i) + "/x.whl");
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

  private static String id(int i) {
    return String.format(Locale.ROOT, "%07d", i);
  }
}
