package dev.tintype.curate;

import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectPage;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;

/**
 * The filters of a PyPI repository with {@code projects:} (names, or {@code all}): each project
 * page on its own, every version a candidate, no dependency followed. The same selection as the
 * closure's ({@link PySelection}).
 */
public final class PyFilter {
  /** Reads the core metadata of a file, for {@code block-licenses}. */
  public interface MetadataSource {
    PyClosure.Metadata metadata(ProjectPage page, DistFile file) throws IOException;
  }

  /** A page with only its kept files, and each dropped file's reason by file name. */
  public record Filtered(ProjectPage kept, SortedMap<String, String> dropped) {}

  private final PypiCuration c;
  private final PyFiles files;

  public PyFilter(PypiCuration c) {
    this.c = c;
    this.files = new PyFiles(c);
  }

  /** Whether any filter is set: without one every page is kept whole. */
  public boolean active() {
    return c.filters();
  }

  /**
   * The page through the filters. Core metadata is read (one file per kept version) only when
   * {@code block-licenses} is set.
   */
  public Filtered apply(ProjectPage page, MetadataSource source) throws IOException {
    PySelection s = new PySelection(c, files, page, v -> true);
    if (!c.blockLicenses().isEmpty()) {
      for (String v : s.chosen()) {
        List<DistFile> versionFiles = s.kept(v);
        if (!versionFiles.isEmpty()) {
          s.dropLicensed(files, v, source.metadata(page, PyFiles.preferred(versionFiles)));
        }
      }
    }
    return new Filtered(s.keptPage(), s.dropped());
  }
}
