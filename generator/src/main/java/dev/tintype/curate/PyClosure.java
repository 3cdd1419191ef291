package dev.tintype.curate;

import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectPage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of a PyPI upstream that a {@link PypiCuration} keeps: for each project, the versions
 * its requirements allow that pass the filters, closed over their {@code Requires-Dist} (markers
 * evaluated for the configured Pythons and platforms, extras followed when named), and of those
 * versions the files that pass the file filters. Every file left out has its reason.
 */
public final class PyClosure {
  /** Who asks for a project {@code requirements} lists. */
  public static final String REQUIRED = "(requirements)";

  /** Where the closure reads projects and their metadata (upstream, or a fake in tests). */
  public interface Source {
    /** The project's page, empty when upstream has no such project. */
    Optional<ProjectPage> page(String normalized) throws IOException;

    /** The core metadata of one file of the project. */
    Metadata metadata(ProjectPage page, DistFile file) throws IOException;
  }

  /** What the closure reads of core metadata. */
  public record Metadata(
      List<String> requiresDist,
      String licenseExpression,
      String license,
      List<String> classifiers) {
    public Metadata {
      requiresDist = List.copyOf(requiresDist);
      classifiers = List.copyOf(classifiers);
    }
  }

  /**
   * What the closure keeps and leaves out.
   *
   * @param kept the kept files of each project (normalized name), in page order
   * @param dropped each project's left-out files with the reason, by file name
   * @param missing projects upstream does not have, with who needs them (an error for the caller)
   * @param blocked projects whose every wanted version is blocked, with who needs them
   */
  public record Result(
      SortedMap<String, ProjectPage> kept,
      SortedMap<String, SortedMap<String, String>> dropped,
      SortedMap<String, SortedSet<String>> missing,
      SortedMap<String, SortedSet<String>> blocked,
      List<String> warnings) {}

  private final PypiCuration c;
  private final Source source;
  private final PyFiles files;
  private final List<Map<String, String>> envs;
  private final Map<String, ProjectPage> pages = new HashMap<>();
  private final Map<String, List<Specifiers>> wanted = new HashMap<>();
  private final Map<String, Set<String>> extras = new HashMap<>();
  private final Set<String> processed = new HashSet<>();
  private final SortedMap<String, ProjectPage> kept = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, String>> dropped = new TreeMap<>();
  private final SortedMap<String, SortedSet<String>> missing = new TreeMap<>();
  private final SortedMap<String, SortedSet<String>> blocked = new TreeMap<>();
  private final List<String> warnings = new ArrayList<>();

  private PyClosure(PypiCuration c, Source source) {
    this.c = c;
    this.source = source;
    this.files = new PyFiles(c);
    this.envs =
        PyEnvironments.of(
            c.pythons().isEmpty() ? PypiCuration.DEFAULT_PYTHONS : c.pythons(),
            c.platforms().isEmpty() ? PypiCuration.DEFAULT_PLATFORMS : c.platforms());
  }

  public static Result close(PypiCuration curation, Source source) throws IOException {
    PyClosure closure = new PyClosure(curation, source);
    Deque<String> todo = new ArrayDeque<>();
    for (Requirement r : curation.requirements()) {
      closure.want(r, REQUIRED, todo);
    }
    while (!todo.isEmpty()) {
      closure.select(todo.poll(), todo);
    }
    return new Result(
        closure.kept,
        closure.dropped,
        closure.missing,
        closure.blocked,
        List.copyOf(closure.warnings));
  }

  private void want(Requirement r, String by, Deque<String> todo) throws IOException {
    String name = r.normalized();
    if (!pages.containsKey(name)) {
      Optional<ProjectPage> page = source.page(name);
      if (page.isEmpty()) {
        missing.computeIfAbsent(name, n -> new TreeSet<>()).add(by);
        return;
      }
      pages.put(name, page.get());
    }
    List<Specifiers> specs = wanted.computeIfAbsent(name, n -> new ArrayList<>());
    Set<String> ex = extras.computeIfAbsent(name, n -> new TreeSet<>());
    boolean changed = !specs.contains(r.specifiers());
    if (changed) {
      specs.add(r.specifiers());
    }
    changed |= ex.addAll(r.extras());
    if (changed && !todo.contains(name)) {
      todo.add(name);
    }
    if (selectedVersions(name).isEmpty()) {
      boolean anyUnblocked = false;
      for (String v : versionsMatching(name, r.specifiers())) {
        anyUnblocked |= PySelection.blockRule(c, name, v) == null;
      }
      if (!anyUnblocked && !versionsMatching(name, r.specifiers()).isEmpty()) {
        blocked.computeIfAbsent(name, n -> new TreeSet<>()).add(by);
      }
    }
  }

  /** Chooses the project's versions and files anew, and follows the new versions' dependencies. */
  private void select(String name, Deque<String> todo) throws IOException {
    ProjectPage page = pages.get(name);
    PySelection s =
        new PySelection(c, files, page, v -> wanted.get(name).stream().anyMatch(w -> w.matches(v)));
    // The license and dependencies of a version come from the metadata of one kept file.
    for (String v : s.chosen()) {
      List<DistFile> versionFiles = s.kept(v);
      if (versionFiles.isEmpty()) {
        continue;
      }
      Metadata md = source.metadata(page, PyFiles.preferred(versionFiles));
      if (s.dropLicensed(files, v, md)) {
        continue;
      }
      for (String extra : extrasToProcess(name, v)) {
        follow(name, v, extra, md, todo);
      }
    }
    if (s.keptNone() && !wanted.get(name).isEmpty()) {
      warnings.add(name + ": no file passes the filters; the project is listed with none");
    }
    kept.put(name, s.keptPage());
    dropped.put(name, s.dropped());
  }

  private List<String> extrasToProcess(String name, String version) {
    List<String> out = new ArrayList<>();
    List<String> all = new ArrayList<>();
    all.add("");
    all.addAll(extras.get(name));
    for (String e : all) {
      if (processed.add(name + " " + version + " " + e)) {
        out.add(e);
      }
    }
    return out;
  }

  private void follow(String name, String version, String extra, Metadata md, Deque<String> todo)
      throws IOException {
    for (String line : md.requiresDist()) {
      Requirement dep;
      try {
        dep = Requirement.parse(line);
      } catch (IllegalArgumentException e) {
        warnings.add(
            name + " " + version + ": Requires-Dist '" + line + "' ignored: " + e.getMessage());
        continue;
      }
      if (dep.marker().isEmpty() ? !extra.isEmpty() : !applies(dep.marker().get(), extra)) {
        continue;
      }
      want(dep, name, todo);
    }
  }

  /** Whether a marker holds in some environment, with {@code extra} set (or "" for none). */
  private boolean applies(Marker m, String extra) {
    for (Map<String, String> env : envs) {
      Map<String, String> e = new HashMap<>(env);
      e.put("extra", extra);
      if (m.evaluate(e)) {
        return true;
      }
    }
    return false;
  }

  private List<String> selectedVersions(String name) {
    ProjectPage k = kept.get(name);
    return k == null ? List.of() : k.versions();
  }

  private List<String> versionsMatching(String name, Specifiers s) {
    return pages.get(name).versions().stream().filter(s::matches).toList();
  }
}
