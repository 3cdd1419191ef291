package dev.tintype.pages;

import dev.tintype.config.Config;
import dev.tintype.config.RepoConfig;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.format.pages.BrowsePages;
import dev.tintype.purge.Purges;
import dev.tintype.storage.Storage;
import dev.tintype.sync.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The root {@code index.html}: every repository with published snapshots (configured or imported)
 * and its snapshots, newest first. It lives outside the snapshots and is replaced whole, in one
 * step, after each publish, gc and purge. It also lists the purges made, with their reasons.
 */
public final class RootPage {
  public static final String KEY = "index.html";

  private RootPage() {}

  /**
   * Writes the page again where one exists, as after a purge (which changes no snapshot, only the
   * record the page shows).
   */
  public static void refresh(Storage storage, Config config) throws IOException {
    if (storage.exists(KEY)) {
      publish(storage, config);
    }
  }

  public static void publish(Storage storage, Config config) throws IOException {
    Map<String, String> types = new TreeMap<>();
    for (RepoConfig r : config.repos()) {
      types.put(r.name().name(), r.type().id());
    }
    for (String child : storage.children("")) {
      try {
        types.putIfAbsent(new RepoName(child).name(), null);
      } catch (IllegalArgumentException e) {
        // pool, .tintype, this page: not a repository
      }
    }
    List<BrowsePages.Repo> repos = new ArrayList<>();
    for (Map.Entry<String, String> t : types.entrySet()) {
      RepoName name = new RepoName(t.getKey());
      List<SnapshotDate> dates = new ArrayList<>(Snapshots.published(storage, name));
      if (dates.isEmpty() && t.getValue() == null) {
        continue;
      }
      Collections.reverse(dates);
      String type = t.getValue();
      List<Callable<ManifestSummary>> reads = new ArrayList<>();
      for (SnapshotDate d : dates) {
        reads.add(() -> ManifestSummary.cached(storage, name, d));
      }
      List<ManifestSummary> summaries = storage.inParallel(reads);
      List<BrowsePages.Dated> dated = new ArrayList<>();
      for (int i = 0; i < dates.size(); i++) {
        ManifestSummary m = summaries.get(i);
        type = type == null ? m.type() : type;
        dated.add(new BrowsePages.Dated(dates.get(i).toString(), m.packages(), m.bytes()));
      }
      repos.add(
          new BrowsePages.Repo(
              name.name(), type, storage.latest(name).map(SnapshotDate::toString), dated));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BrowsePages.writeRoot(repos, purges(storage), config.publicUrl(), out);
    storage.replace(KEY, out.toByteArray());
  }

  /** Every purge on record, newest first. */
  private static List<BrowsePages.Purge> purges(Storage storage) throws IOException {
    List<BrowsePages.Purge> out = new ArrayList<>();
    for (Purges.Purge p : Purges.read(storage).purges()) {
      List<Map.Entry<String, String>> files = new ArrayList<>();
      p.files().forEach(f -> files.add(Map.entry(f.pool(), f.sha256())));
      out.add(new BrowsePages.Purge(p.date(), p.repo(), p.reason(), files));
    }
    Collections.reverse(out);
    return out;
  }
}
