package dev.tintype.bench;

import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.fetch.Fetcher;
import dev.tintype.fetch.HttpClients;
import dev.tintype.fetch.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;

/**
 * The download benchmark's subject, run in its own JVM as curl runs in its own processes: fetches
 * every URL of a list with tintype's {@link Fetcher} (streamed to disk, hashed, size-checked) on
 * {@code PARALLEL} threads, as a sync does.
 *
 * <p>Usage: {@code FetchFiles LIST OUT_DIR PARALLEL}, each line of LIST being {@code URL TAB SIZE}.
 */
public final class FetchFiles {
  private FetchFiles() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    Path out = Files.createDirectories(Path.of(args[1]));
    int parallel = Integer.parseInt(args[2]);
    ExecutorService workers = Executors.newFixedThreadPool(parallel);
    ExecutorService http = Executors.newCachedThreadPool();
    OkHttpClient client = HttpClients.create(http, parallel);
    Fetcher fetcher = new Fetcher(client, RetryPolicy.standard());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String line : lines) {
        String[] parts = line.split("\t");
        URI url = URI.create(parts[0]);
        String name = parts[0].substring(parts[0].lastIndexOf('/') + 1);
        Expected size = new Expected(null, null, Long.parseLong(parts[1]));
        done.add(
            workers.submit(
                () -> {
                  Downloaded d = fetcher.download(url, out, name, size);
                  Files.move(d.file(), out.resolve(name));
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      System.out.println(
          "fetched " + fetcher.downloads() + " files, " + fetcher.bytes() + " bytes");
    } finally {
      workers.shutdownNow();
      http.shutdownNow();
      client.connectionPool().evictAll();
    }
  }
}
