package dev.tintype.cran;

/** What a contrib dir holds: source tarballs, or one platform's binaries. */
public enum PackageKind {
  /** {@code src/contrib}: {@code .tar.gz} from R CMD build. */
  SOURCE(".tar.gz"),
  /** {@code bin/windows/contrib/<x.y>}: zips of installed packages. */
  WINDOWS(".zip"),
  /** {@code bin/macosx/.../contrib/<x.y>}: gzipped tars of installed packages. */
  MACOS(".tgz");

  private final String extension;

  PackageKind(String extension) {
    this.extension = extension;
  }

  /** The file extension R gives a record without {@code File}: {@code <pkg>_<ver><extension>}. */
  String extension() {
    return extension;
  }
}
