package dev.tintype.format.pypi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the version out of a distribution's file name. Wheels follow {@code
 * {dist}-{ver}(-{build})?-{py}-{abi}-{plat}.whl}; sdists are {@code {name}-{ver}} plus an archive
 * extension. Because both names and sdist versions may contain '-', the project name is needed to
 * split them. Legacy eggs, Windows installers and dumb binary archives get a best effort.
 */
public final class Filenames {
  private static final List<String> ARCHIVES =
      List.of(
          ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar.lzma", ".tar");
  // The platform suffix that bdist_wininst and bdist_dumb append to "{name}-{ver}".
  private static final Pattern PLATFORM_SUFFIX =
      Pattern.compile(
          "\\.(win32|win-amd64|win-arm64|linux-[a-z0-9_]+|macosx-[a-z0-9_.-]+|cygwin-[a-z0-9_.-]+"
              + "|freebsd-[a-z0-9_.-]+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PY_SUFFIX = Pattern.compile("-py[0-9.]+$");
  private static final Pattern VERSION_START = Pattern.compile("[vV]?[0-9]");
  private static final Pattern SANE_VERSION = Pattern.compile("[A-Za-z0-9!+._-]+");

  private Filenames() {}

  /**
   * The version in {@code filename} if it is a distribution of {@code project}, as written in the
   * file name (not normalized); empty for another project's file or a name that cannot be read.
   */
  public static Optional<String> version(ProjectName project, String filename) {
    String lower = filename.toLowerCase(Locale.ROOT);
    String version = null;
    if (lower.endsWith(".whl")) {
      version = wheel(project, filename.substring(0, filename.length() - 4));
    } else if (lower.endsWith(".egg")) {
      String[] parts = filename.substring(0, filename.length() - 4).split("-");
      version = parts.length >= 2 && matches(project, parts[0]) ? parts[1] : null;
    } else if (lower.endsWith(".exe") || lower.endsWith(".msi")) {
      String stem =
          PY_SUFFIX.matcher(filename.substring(0, filename.length() - 4)).replaceFirst("");
      version = stripPlatform(afterName(project, stem));
    } else {
      for (String ext : ARCHIVES) {
        if (lower.endsWith(ext)) {
          String v = afterName(project, filename.substring(0, filename.length() - ext.length()));
          version = v != null && Pep440.parse(v).isEmpty() ? stripPlatform(v) : v;
          break;
        }
      }
    }
    return Optional.ofNullable(version)
        .filter(v -> SANE_VERSION.matcher(v).matches() && !v.contains(".."));
  }

  private static String wheel(ProjectName project, String stem) {
    String[] parts = stem.split("-", -1);
    if ((parts.length != 5 && parts.length != 6) || !matches(project, parts[0])) {
      return null;
    }
    return parts[1];
  }

  /**
   * Splits "{name}-{version}" at the '-' before which the name is the project's. The version must
   * start with a digit (or "v" and a digit), so "foo-bar-1.0" is not a version "bar-1.0" of "foo".
   */
  private static String afterName(ProjectName project, String stem) {
    for (int i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
      if (matches(project, stem.substring(0, i))) {
        String version = stem.substring(i + 1);
        return VERSION_START.matcher(version).lookingAt() ? version : null;
      }
    }
    return null;
  }

  private static String stripPlatform(String version) {
    return version == null ? null : PLATFORM_SUFFIX.matcher(version).replaceFirst("");
  }

  private static boolean matches(ProjectName project, String name) {
    return ProjectName.normalize(name).equals(project.normalized());
  }
}
