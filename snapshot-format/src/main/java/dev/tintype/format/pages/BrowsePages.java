package dev.tintype.format.pages;

import dev.tintype.format.templates.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the browsable HTML pages: a snapshot's {@code index.html} (its packages and setup lines
 * for that date) and the root {@code index.html} (every repository and its snapshots). Output is
 * deterministic UTF-8: no timestamps, everything sorted by the caller's records, HTML escaped by
 * FreeMarker's auto-escaping. No scripts, no external resources.
 */
public final class BrowsePages {
  private static final Templates TEMPLATES = new Templates(BrowsePages.class);

  private BrowsePages() {}

  /** One package or project and its versions in a snapshot. */
  public record Entry(String name, List<String> versions) {
    public Entry {
      versions = List.copyOf(versions);
    }
  }

  /** The packages of one part of a snapshot (a Bioconductor release and area; or the whole). */
  public record Group(String title, List<Entry> entries) {
    public Group {
      entries = List.copyOf(entries);
    }
  }

  /**
   * A snapshot's page.
   *
   * @param publicUrl the server's base URL without a trailing slash; empty: links are relative and
   *     setup lines show server-relative paths
   */
  public record Snapshot(
      String repo, String type, String date, Optional<String> publicUrl, List<Group> groups) {
    public Snapshot {
      groups = List.copyOf(groups);
    }
  }

  /** One published snapshot, for the root page. */
  public record Dated(String date, int packages, long bytes) {}

  /** One repository, for the root page. */
  public record Repo(String name, String type, Optional<String> latest, List<Dated> snapshots) {
    public Repo {
      snapshots = List.copyOf(snapshots);
    }
  }

  /**
   * One purge, for the root page: when (UTC), of which repository, why, and the files it deleted
   * (pool key and sha256).
   */
  public record Purge(
      String date, String repo, String reason, List<Map.Entry<String, String>> files) {
    public Purge {
      files = List.copyOf(files);
    }
  }

  public static void writeSnapshot(Snapshot s, OutputStream out) throws IOException {
    String self = s.publicUrl().orElse("") + "/" + s.repo() + "/" + s.date();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repo", s.repo());
    m.put("type", s.type());
    m.put("date", s.date());
    m.put("url", self);
    m.put("relative", s.publicUrl().isEmpty());
    m.put("rootHref", s.publicUrl().map(u -> u + "/").orElse("../../"));
    m.put("selfHref", s.publicUrl().map(u -> self + "/").orElse("./"));
    m.put("setups", setups(s.type(), self));
    List<Map<String, Object>> groups = new ArrayList<>();
    int count = 0;
    for (Group g : s.groups()) {
      groups.add(Map.of("title", g.title(), "entries", entries(g.entries())));
      count += g.entries().size();
    }
    m.put("groups", groups);
    m.put("count", count);
    TEMPLATES.render("snapshot.ftlh", m, out);
  }

  public static void writeRoot(List<Repo> repos, Optional<String> publicUrl, OutputStream out)
      throws IOException {
    writeRoot(repos, List.of(), publicUrl, out);
  }

  /** The root page, with the purges made (newest first) where there were any. */
  public static void writeRoot(
      List<Repo> repos, List<Purge> purges, Optional<String> publicUrl, OutputStream out)
      throws IOException {
    String base = publicUrl.map(u -> u + "/").orElse("");
    List<Map<String, Object>> model = new ArrayList<>();
    for (Repo r : repos) {
      List<Map<String, Object>> dated = new ArrayList<>();
      for (Dated d : r.snapshots()) {
        dated.add(
            Map.of(
                "date", d.date(),
                "href", base + r.name() + "/" + d.date() + "/",
                "packages", Integer.toString(d.packages()),
                "size", size(d.bytes())));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("type", r.type());
      m.put("latest", r.latest().orElse(""));
      m.put("latestHref", base + r.name() + "/latest/");
      m.put("snapshots", dated);
      model.add(m);
    }
    List<Map<String, Object>> purged = new ArrayList<>();
    for (Purge p : purges) {
      List<Map<String, String>> files = new ArrayList<>();
      for (Map.Entry<String, String> f : p.files()) {
        String key = f.getKey();
        files.add(Map.of("name", key.substring(key.lastIndexOf('/') + 1), "sha256", f.getValue()));
      }
      purged.add(Map.of("date", p.date(), "repo", p.repo(), "reason", p.reason(), "files", files));
    }
    TEMPLATES.render("root.ftlh", Map.of("repos", model, "purges", purged), out);
  }

  private static List<Map<String, Object>> entries(List<Entry> entries) {
    return Templates.rows(
        entries, e -> Map.of("name", e.name(), "versions", String.join(", ", e.versions())));
  }

  /** Copyable setup lines for the tools of a repository type, pointing at {@code url}. */
  static List<Map<String, String>> setups(String type, String url) {
    List<Map<String, String>> out = new ArrayList<>();
    switch (type) {
      case "cran", "local-r" -> {
        String repos = "c(CRAN = \"" + url + "\")";
        out.add(setup("R", "options(repos = " + repos + ")"));
        out.add(
            setup(
                "renv",
                "options(repos = " + repos + ")\nrenv::lockfile_modify(repos = " + repos + ")"));
      }
      case "bioconductor" -> {
        out.add(
            setup(
                "BiocManager (shell, before starting R)",
                "export BIOCONDUCTOR_CONFIG_FILE=" + url + "/config.yaml"));
        out.add(setup("BiocManager (R)", "options(BioC_mirror = \"" + url + "\")"));
      }
      case "pypi", "local-python" -> {
        String simple = url + "/simple/";
        out.add(setup("pip", "pip install --index-url " + simple + " PACKAGE"));
        out.add(setup("pip (every run)", "pip config set global.index-url " + simple));
        out.add(
            setup(
                "uv (pyproject.toml)",
                "[[tool.uv.index]]\nname = \"tintype\"\nurl = \"" + simple + "\"\ndefault = true"));
        out.add(setup("Poetry", "poetry source add --priority=primary tintype " + simple));
      }
      default -> {}
    }
    return out;
  }

  private static Map<String, String> setup(String tool, String code) {
    return Map.of("tool", tool, "code", code);
  }

  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
