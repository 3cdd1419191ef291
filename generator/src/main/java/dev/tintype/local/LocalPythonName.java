package dev.tintype.local;

import dev.tintype.format.layout.FileName;
import dev.tintype.format.pypi.ProjectName;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a file name in a local Python directory says: a wheel ({@code
 * {name}-{ver}(-{build})?-{py}-{abi}-{plat}.whl}, PEP 427) or an sdist ({@code {name}-{ver}.tar.gz}
 * or {@code .zip}), its project and version. Names that end like a package file but do not parse
 * are refused; other files are not package files at all.
 */
record LocalPythonName(String fileName, boolean wheel, ProjectName project, String version) {
  private static final Pattern VERSION = Pattern.compile("[vV]?[0-9][A-Za-z0-9.+!_-]*");
  private static final Pattern WHEEL_VERSION = Pattern.compile("[0-9][A-Za-z0-9.+!_]*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.]+");
  private static final Pattern BUILD = Pattern.compile("[0-9][A-Za-z0-9_]*");

  /**
   * The name's parts; empty when the name is not a package file's ({@code README.txt}); {@link
   * IllegalArgumentException} naming the file when it ends like one but is not a valid name.
   */
  static Optional<LocalPythonName> parse(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    boolean wheel = lower.endsWith(".whl");
    if (!wheel && !lower.endsWith(".tar.gz") && !lower.endsWith(".zip")) {
      return Optional.empty();
    }
    String unsafe = FileName.problem(fileName);
    if (unsafe != null) {
      throw bad(fileName, "a plain file name, found one " + unsafe);
    }
    if (wheel) {
      return Optional.of(wheel(fileName));
    }
    for (String ext : new String[] {".tar.gz", ".zip"}) {
      if (lower.endsWith(ext)) {
        return Optional.of(
            sdist(fileName, fileName.substring(0, fileName.length() - ext.length())));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code distName} (from core metadata) names this file's project. */
  boolean isProject(String distName) {
    return ProjectName.normalize(distName).equals(project.normalized());
  }

  private static LocalPythonName wheel(String fileName) {
    String[] parts = fileName.substring(0, fileName.length() - 4).split("-", -1);
    if (parts.length != 5 && parts.length != 6) {
      throw bad(
          fileName,
          "a wheel name {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl (PEP 427), but it"
              + " has "
              + parts.length
              + " '-'-separated parts");
    }
    ProjectName project = project(fileName, parts[0]);
    if (!WHEEL_VERSION.matcher(parts[1]).matches()) {
      throw bad(fileName, "a version after the name, found '" + parts[1] + "'");
    }
    if (parts.length == 6 && !BUILD.matcher(parts[2]).matches()) {
      throw bad(fileName, "a build tag starting with a digit, found '" + parts[2] + "'");
    }
    for (int i = parts.length - 3; i < parts.length; i++) {
      if (!TAG.matcher(parts[i]).matches()) {
        throw bad(fileName, "python, abi and platform tags, found '" + parts[i] + "'");
      }
    }
    return new LocalPythonName(fileName, true, project, parts[1]);
  }

  /**
   * A PEP 625 sdist has one '-'; a legacy one may have more in its name, so the version starts at
   * the first '-' followed by a digit ({@code python-dateutil-2.9.0}).
   */
  private static LocalPythonName sdist(String fileName, String stem) {
    for (int i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
      String version = stem.substring(i + 1);
      if (VERSION.matcher(version).matches()) {
        return new LocalPythonName(
            fileName, false, project(fileName, stem.substring(0, i)), version);
      }
    }
    throw bad(fileName, "an sdist name {name}-{version}.tar.gz or .zip");
  }

  private static ProjectName project(String fileName, String name) {
    try {
      return new ProjectName(name);
    } catch (IllegalArgumentException e) {
      throw bad(fileName, "a project name first: " + e.getMessage());
    }
  }

  private static IllegalArgumentException bad(String fileName, String expected) {
    return new IllegalArgumentException(
        "'"
            + FileName.printable(fileName)
            + "' is not a valid package file name: expected "
            + expected);
  }
}
