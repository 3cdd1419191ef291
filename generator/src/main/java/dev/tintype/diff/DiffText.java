package dev.tintype.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A diff as lines of text, one change a line, each starting with its mark, then a summary line. The
 * marks: {@code +} added, {@code -} removed, {@code ^} upgraded, {@code v} downgraded, {@code ~}
 * versions changed below the same newest, {@code *} a file added, removed or replaced within a
 * version, {@code !} a yank change. In a Bioconductor diff the name is preceded by the release and
 * area, as in {@code ^ [3.16/bioc] limma 3.54.0 -> 3.54.2}.
 */
public final class DiffText {
  private DiffText() {}

  public static List<String> lines(DiffReport r) {
    List<String> out = new ArrayList<>();
    for (PackageChange c : r.packages()) {
      out.add(line(c));
    }
    for (FileChange c : r.files()) {
      out.add(line(c));
    }
    out.add(summary(r));
    return out;
  }

  static String line(PackageChange c) {
    String n = name(c.area(), c.name());
    String v =
        switch (c.kind()) {
          case ADDED -> "+ " + n + " " + version(c.to());
          case REMOVED -> "- " + n + " " + version(c.from());
          case UPGRADED -> "^ " + n + " " + version(c.from()) + " -> " + version(c.to());
          case DOWNGRADED -> "v " + n + " " + version(c.from()) + " -> " + version(c.to());
          case CHANGED -> "~ " + n + " " + version(c.to());
        };
    if (c.versionsImplied()) {
      return v;
    }
    List<String> parts = new ArrayList<>();
    c.versionsAdded().forEach(a -> parts.add("+" + printable(a)));
    c.versionsRemoved().forEach(a -> parts.add("-" + printable(a)));
    return v + " (" + String.join(" ", parts) + ")";
  }

  static String line(FileChange c) {
    String head =
        (c.kind().isYank() ? "! " : "* ")
            + name(c.area(), c.name())
            + " "
            + version(c.version())
            + " "
            + printable(c.filename())
            + " ";
    return head
        + switch (c.kind()) {
          case ADDED -> "added";
          case REMOVED -> "removed";
          case REPLACED -> "replaced (same name, different content)";
          case YANKED -> "yanked" + reason(c.reason());
          case UNYANKED -> "un-yanked (was yanked" + reason(c.previousReason()) + ")";
          case REASON_CHANGED ->
              "yank reason changed: " + quote(c.previousReason()) + " -> " + quote(c.reason());
        };
  }

  static String summary(DiffReport r) {
    return r.repo()
        + " "
        + r.from()
        + " -> "
        + r.to()
        + ": "
        + r.count(PackageChange.Kind.ADDED)
        + " added, "
        + r.count(PackageChange.Kind.REMOVED)
        + " removed, "
        + r.count(PackageChange.Kind.UPGRADED)
        + " upgraded, "
        + r.count(PackageChange.Kind.DOWNGRADED)
        + " downgraded, "
        + r.count(PackageChange.Kind.CHANGED)
        + " changed, "
        + r.fileChanges()
        + " file changes, "
        + r.yankChanges()
        + " yank changes";
  }

  private static String name(BiocArea area, String name) {
    return area == null ? name : "[" + area + "] " + name;
  }

  private static String reason(String reason) {
    return reason == null || reason.isEmpty() ? " (no reason given)" : ": " + quote(reason);
  }

  private static String version(String v) {
    return v == null ? "?" : printable(v);
  }

  /** In double quotes, escaped as JSON escapes a string, so a reason never spans lines. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : (s == null ? "" : s).toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  // Versions and names come from upstream indexes: no control character reaches a terminal.
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }
}
