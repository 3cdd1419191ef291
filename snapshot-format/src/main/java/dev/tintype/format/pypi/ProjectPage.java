package dev.tintype.format.pypi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A project's Simple API page: its files, sorted by filename, the upstream serial it was read at,
 * and its status. A quarantined project's page has no files, whatever it was given: a mirror must
 * not offer what the index withdrew as unsafe (PEP 792).
 *
 * @param lastSerial the upstream {@code _last-serial}, or -1 when unknown
 */
public record ProjectPage(
    ProjectName name, List<DistFile> files, long lastSerial, ProjectStatus status) {

  public ProjectPage(ProjectName name, List<DistFile> files, long lastSerial) {
    this(name, files, lastSerial, ProjectStatus.NONE);
  }

  public ProjectPage {
    if (name == null) {
      throw new IllegalArgumentException("project page: expected a project name, found null");
    }
    status = status == null ? ProjectStatus.NONE : status;
    List<DistFile> sorted = status.quarantined() ? new ArrayList<>() : new ArrayList<>(files);
    sorted.sort(Comparator.comparing(DistFile::filename));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).filename().equals(sorted.get(i - 1).filename())) {
        throw new IllegalArgumentException(
            "project '"
                + name.name()
                + "': expected each file once, found '"
                + sorted.get(i).filename()
                + "' twice");
      }
    }
    files = List.copyOf(sorted);
    if (lastSerial < -1) {
      throw new IllegalArgumentException(
          "project '" + name.name() + "': expected a last serial >= -1, found " + lastSerial);
    }
  }

  /** The same project with other files (the status, serial and name kept). */
  public ProjectPage withFiles(List<DistFile> files) {
    return new ProjectPage(name, files, lastSerial, status);
  }

  /**
   * The versions of this project's files (PEP 700), in PEP 440 order with versions that are not PEP
   * 440 first. Valid versions are spelled in normalized form and listed once however many spellings
   * the files use; files of other projects, or whose version cannot be read, add nothing.
   */
  public List<String> versions() {
    // Equal versions spelled differently ("1.0", "1.0.0") keep the spelling of the first file.
    TreeSet<Pep440> valid = new TreeSet<>();
    TreeSet<String> invalid = new TreeSet<>();
    for (DistFile file : files) {
      Optional<String> raw = Filenames.version(name, file.filename());
      if (raw.isEmpty()) {
        continue;
      }
      Optional<Pep440> v = Pep440.parse(raw.get());
      if (v.isPresent()) {
        valid.add(v.get());
      } else {
        invalid.add(raw.get());
      }
    }
    List<String> out = new ArrayList<>(invalid);
    valid.forEach(v -> out.add(v.toString()));
    return List.copyOf(out);
  }
}
