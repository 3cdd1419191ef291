package dev.tintype.bundle;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.storage.SnapshotTransaction;
import dev.tintype.storage.Storage;
import dev.tintype.testing.GeneratedManifest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exports a snapshot of {@code n} pool files and {@code n} links, its manifest generated as it is
 * read ({@link GeneratedManifest}) and its files one byte each, then imports the bundle into a
 * storage that counts what is stored and linked instead of keeping it: run in a JVM with a small
 * heap, it fails if export or import holds the snapshot's entries. Exits 0 when every file was
 * stored and linked and the snapshot committed.
 */
final class LargeBundleCheck {
  private static final RepoName REPO = new RepoName("pypi");
  private static final SnapshotDate DATE = SnapshotDate.parse("2026-01-01");
  private static final byte[] CONTENT = {'x'};
  private static final String SHA = Sha256.hash(CONTENT).hex();

  private LargeBundleCheck() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Files.createDirectories(root.resolve("a"));
    Files.createDirectories(root.resolve("b"));
    Storage source = source(new FileStorage(root.resolve("a")), n);
    Exporter exporter = new Exporter(source);
    Path out = root.resolve("bundle");
    exporter.write(
        exporter.plan(REPO, DATE, Optional.empty(), ChunkSize.DEFAULT), out, BundleListener.NONE);

    AtomicInteger stored = new AtomicInteger();
    AtomicInteger linked = new AtomicInteger();
    AtomicInteger committed = new AtomicInteger();
    Storage target = target(new FileStorage(root.resolve("b")), stored, linked, committed);
    Bundle bundle = Bundle.open(out);
    Importer.Result r = new Importer(target).importBundle(bundle, BundleListener.NONE);
    System.out.println(
        "%d files in the bundle, %d stored, %d linked, %d committed"
            .formatted(bundle.fileCount(), stored.get(), linked.get(), committed.get()));
    boolean ok = r.published() && stored.get() == n && linked.get() == n && committed.get() == 1;
    System.exit(ok ? 0 : 1);
  }

  /** The real storage, but its snapshot's manifest and files generated. */
  private static Storage source(FileStorage real, int n) {
    String manifest = Layout.manifest(REPO, DATE);
    return proxy(
        Storage.class,
        real,
        (method, a) -> {
          String name = method.getName();
          if (name.equals("open") && manifest.equals(a[0])) {
            return manifest(n);
          }
          if (name.equals("size") && manifest.equals(a[0])) {
            try (java.io.InputStream in = manifest(n)) {
              return Optional.of(in.transferTo(java.io.OutputStream.nullOutputStream()));
            }
          }
          if (name.equals("open") && ((String) a[0]).startsWith("pool/")) {
            return new ByteArrayInputStream(CONTENT);
          }
          if (name.equals("exists") && manifest.equals(a[0])) {
            return true;
          }
          return NOT_FAKED;
        });
  }

  private static GeneratedManifest manifest(int n) {
    return new GeneratedManifest(
        REPO.name(), DATE.toString(), n, SHA, LargeBundleCheck::link, LargeBundleCheck::pool);
  }

  /** The real storage, but pool files and the snapshot only counted. */
  private static Storage target(
      FileStorage real, AtomicInteger stored, AtomicInteger linked, AtomicInteger committed) {
    SnapshotTransaction tx =
        proxy(
            SnapshotTransaction.class,
            null,
            (method, a) ->
                switch (method.getName()) {
                  case "link" -> linked.incrementAndGet() > 0;
                  case "commit" -> {
                    committed.incrementAndGet();
                    yield null;
                  }
                  default -> null;
                });
    return proxy(
        Storage.class,
        real,
        (method, a) -> {
          if (method.getName().equals("put") && a.length == 3) {
            stored.incrementAndGet();
            Files.delete((Path) a[1]);
            return true;
          }
          if (method.getName().equals("begin")) {
            return tx;
          }
          return NOT_FAKED;
        });
  }

  private static final Object NOT_FAKED = new Object();

  private interface Fake {
    Object call(java.lang.reflect.Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, T real, Fake fake) {
    InvocationHandler h =
        (p, method, a) -> {
          Object faked = fake.call(method, a == null ? new Object[0] : a);
          if (faked != NOT_FAKED) {
            return faked;
          }
          try {
            return method.invoke(real, a);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  private static String link(int i) {
    return String.format(Locale.ROOT, "p/%07d/x.whl", i);
  }

  private static String pool(int i) {
    String hex = String.format(Locale.ROOT, "%064x", i);
    return "pool/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex + "/x.whl";
  }
}
