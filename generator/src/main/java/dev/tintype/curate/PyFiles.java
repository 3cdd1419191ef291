package dev.tintype.curate;

import dev.tintype.format.pypi.DistFile;
import java.util.List;
import java.util.Optional;

/** The file filters of a PyPI curation, each with the reason it states for what it drops. */
final class PyFiles {
  private final PypiCuration c;

  PyFiles(PypiCuration c) {
    this.c = c;
  }

  /** Why a file of a kept version is left out, or null. */
  String reason(DistFile f) {
    if (c.maxFileSize() > 0 && f.size() != null && f.size() > c.maxFileSize()) {
      return "larger than max-file-size (" + f.size() + " bytes)";
    }
    if (!c.pythons().isEmpty() && f.requiresPython() != null) {
      Specifiers rp;
      try {
        rp = Specifiers.parse(f.requiresPython());
      } catch (IllegalArgumentException e) {
        rp = Specifiers.ANY;
      }
      boolean any = false;
      for (String py : c.pythons()) {
        any |= rp.matches(py.split("\\.").length >= 3 ? py : py + ".0");
      }
      if (!any) {
        return "requires-python " + f.requiresPython() + " fits none of " + c.pythons();
      }
    }
    Optional<String[]> tags = WheelTags.tags(f.filename());
    if (tags.isPresent()) {
      if (!c.pythons().isEmpty()
          && c.pythons().stream().noneMatch(py -> WheelTags.fitsPython(tags.get(), py))) {
        return "wheel tags "
            + tags.get()[0]
            + "-"
            + tags.get()[1]
            + " fit none of python "
            + c.pythons();
      }
      if (!c.platforms().isEmpty() && !WheelTags.fitsPlatforms(tags.get(), c.platforms())) {
        return "platform " + tags.get()[2] + " is none of " + c.platforms();
      }
    }
    return null;
  }

  /** A wheel with PEP 658 metadata, else any wheel, else the first file. */
  static DistFile preferred(List<DistFile> files) {
    for (DistFile f : files) {
      if (f.filename().endsWith(".whl") && f.coreMetadata() != null) {
        return f;
      }
    }
    for (DistFile f : files) {
      if (f.filename().endsWith(".whl")) {
        return f;
      }
    }
    return files.get(0);
  }

  String licenseBlocked(PyClosure.Metadata md) {
    for (String l : c.blockLicenses()) {
      if (l.equalsIgnoreCase(nullToEmpty(md.licenseExpression()))
          || l.equalsIgnoreCase(nullToEmpty(md.license()))
          || md.classifiers().stream()
              .anyMatch(cl -> cl.startsWith("License ::") && cl.contains(l))) {
        return l;
      }
    }
    return null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
