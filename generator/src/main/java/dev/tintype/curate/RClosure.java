package dev.tintype.curate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
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
 * The packages of an R index that a {@link Curation} keeps: the approved ones and everything they
 * need to install ({@code Depends}, {@code Imports}, {@code LinkingTo}; the approved packages'
 * {@code Suggests} when asked), less the blocked ones. Pure: the caller reads the index and acts on
 * the result.
 */
public final class RClosure {
  /** Who asks for a package that {@code packages} lists. */
  public static final String APPROVED = "(packages)";

  /** R's base packages: every R installation has them, and no repository offers them. */
  public static final Set<String> BASE =
      Set.of(
          "base",
          "compiler",
          "datasets",
          "graphics",
          "grDevices",
          "grid",
          "methods",
          "parallel",
          "splines",
          "stats",
          "stats4",
          "tcltk",
          "tools",
          "utils");

  /** R's recommended packages, which R installations ship (R 4.x). */
  public static final Set<String> RECOMMENDED =
      Set.of(
          "MASS",
          "lattice",
          "Matrix",
          "nlme",
          "survival",
          "boot",
          "cluster",
          "codetools",
          "foreign",
          "KernSmooth",
          "rpart",
          "class",
          "nnet",
          "spatial",
          "mgcv");

  /**
   * A package left out by a {@code block} rule.
   *
   * @param rule the rule that matched, as configured
   * @param neededBy the kept packages (or {@link #APPROVED}) that asked for it
   */
  public record Blocked(String name, String version, String rule, SortedSet<String> neededBy) {}

  /**
   * What the closure keeps and leaves out.
   *
   * @param kept name and version ({@code "name version"}) of every record kept
   * @param blocked the blocked records, by {@code "name version"}
   * @param missing names nobody upstream offers, with who needs them (an error for the caller)
   * @param warnings things a user should know that do not stop the sync: an unmet version
   *     requirement, a suggested package upstream lacks
   */
  public record Result(
      Set<String> kept,
      SortedMap<String, Blocked> blocked,
      SortedMap<String, SortedSet<String>> missing,
      List<String> warnings) {
    public boolean keeps(String name, String version) {
      return kept.contains(key(name, version));
    }
  }

  private RClosure() {}

  /** Closes {@code curation} over {@code index} (records of one repository, any order). */
  public static Result close(Collection<RPackage> index, Curation curation) {
    Map<String, List<RPackage>> byName = new HashMap<>();
    for (RPackage p : index) {
      byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
    }
    Set<String> kept = new HashSet<>();
    SortedMap<String, Blocked> blocked = new TreeMap<>();
    SortedMap<String, SortedSet<String>> missing = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    Deque<RPackage> todo = new ArrayDeque<>();

    List<String> roots =
        curation.packages().isEmpty()
            ? byName.keySet().stream().sorted().toList()
            : curation.packages();
    for (String root : roots) {
      List<RPackage> records = byName.get(root);
      if (records == null && shipped(root)) {
        warnings.add(root + " ships with R and upstream does not list it; nothing to mirror");
        continue;
      }
      if (records == null) {
        missing.computeIfAbsent(root, n -> new TreeSet<>()).add(APPROVED);
        continue;
      }
      // With no packages listed every upstream package is a root, and nobody asked for it.
      String askedBy = curation.packages().isEmpty() ? null : APPROVED;
      List<RPackage> open = admit(records, askedBy, curation, blocked);
      if (visited.add(root)) {
        open.forEach(p -> kept.add(key(p)));
        todo.addAll(open);
      }
      if (curation.suggests() && !curation.packages().isEmpty()) {
        for (RPackage p : open) {
          for (RRequirement s : p.suggests()) {
            if (shipped(s.name())) {
              continue;
            }
            List<RPackage> sr = byName.get(s.name());
            if (sr == null) {
              warnings.add(
                  p.name() + " suggests " + s.name() + ", which upstream does not have; left out");
              continue;
            }
            List<RPackage> so = admit(sr, p.name(), curation, blocked);
            if (visited.add(s.name())) {
              so.forEach(q -> kept.add(key(q)));
              todo.addAll(so);
            }
          }
        }
      }
    }
    while (!todo.isEmpty()) {
      RPackage p = todo.poll();
      for (RRequirement d : p.strong()) {
        if (shipped(d.name())) {
          continue;
        }
        List<RPackage> records = byName.get(d.name());
        if (records == null) {
          missing.computeIfAbsent(d.name(), n -> new TreeSet<>()).add(p.name());
          continue;
        }
        List<RPackage> open = admit(records, p.name(), curation, blocked);
        if (!open.isEmpty() && open.stream().noneMatch(o -> d.matches(o.version()))) {
          warnings.add(
              p.name()
                  + " needs "
                  + d
                  + ", but upstream offers "
                  + d.name()
                  + " "
                  + String.join(", ", open.stream().map(RPackage::version).toList()));
        }
        if (visited.add(d.name())) {
          open.forEach(o -> kept.add(key(o)));
          todo.addAll(open);
        }
      }
    }
    return new Result(Set.copyOf(kept), blocked, missing, List.copyOf(warnings));
  }

  /** Whether R itself provides {@code name}, so no repository needs to. */
  public static boolean shipped(String name) {
    return name.equals("R") || BASE.contains(name) || RECOMMENDED.contains(name);
  }

  /**
   * The records of one name no rule blocks; the blocked ones are noted with who asked ({@code
   * askedBy}, null for nobody).
   */
  private static List<RPackage> admit(
      List<RPackage> records, String askedBy, Curation curation, Map<String, Blocked> blocked) {
    List<RPackage> open = new ArrayList<>();
    for (RPackage p : records) {
      Optional<RRequirement> rule =
          curation.block().stream()
              .filter(b -> b.name().equals(p.name()) && b.matches(p.version()))
              .findFirst();
      if (rule.isPresent()) {
        Blocked b =
            blocked.computeIfAbsent(
                key(p),
                k -> new Blocked(p.name(), p.version(), rule.get().toString(), new TreeSet<>()));
        if (askedBy != null) {
          b.neededBy().add(askedBy);
        }
      } else {
        open.add(p);
      }
    }
    return open;
  }

  private static String key(RPackage p) {
    return key(p.name(), p.version());
  }

  private static String key(String name, String version) {
    return name + " " + version;
  }
}
