package dev.tintype.local;

import dev.tintype.format.layout.Sha256;
import dev.tintype.format.pypi.Filenames;
import dev.tintype.format.pypi.Pep440;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.sync.BadUpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * One package file of a local Python directory, read and checked: its digest and size, its mtime
 * (the upload time its pages give), the project name its core metadata spells, its {@code
 * Requires-Python}, and for a wheel the METADATA bytes that become its {@code .metadata} file.
 *
 * @param metadata a wheel's METADATA; null for an sdist, which gets no {@code .metadata} file
 */
record LocalPythonFile(
    Path path,
    LocalPythonName name,
    Sha256 sha256,
    long size,
    Instant modified,
    ProjectName displayName,
    String requiresPython,
    byte[] metadata) {

  /**
   * Reads and checks {@code path}; a {@link BadUpstreamException} naming the file when it is not a
   * package its name says it is, or when it changes while being read.
   */
  static LocalPythonFile read(Path path, LocalPythonName name, long maxMetadata)
      throws IOException {
    BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
    Sha256 sha = hash(path);
    byte[] metadata = null;
    Map<String, String> headers = Map.of();
    if (name.wheel()) {
      metadata = LocalPythonMetadata.ofWheel(path, name, maxMetadata);
      headers = LocalPythonMetadata.headers(metadata);
      if (headers.get("name") == null) {
        throw new BadUpstreamException(name.fileName() + ": its METADATA has no Name field");
      }
    } else {
      Optional<byte[]> pkgInfo = LocalPythonMetadata.ofSdist(path, name, maxMetadata);
      if (pkgInfo.isPresent()) {
        headers = LocalPythonMetadata.headers(pkgInfo.get());
      }
    }
    String distName = headers.get("name");
    if (distName != null) {
      name = agreeing(name, distName);
      checkVersion(name, headers.get("version"));
    }
    BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
    if (after.size() != before.size()
        || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
      throw new BadUpstreamException(
          name.fileName() + ": changed while being read; nothing published, run the sync again");
    }
    ProjectName display = distName != null ? new ProjectName(distName) : name.project();
    return new LocalPythonFile(
        path,
        name,
        sha,
        before.size(),
        // Whole seconds: copies between filesystems keep those, and the pages stay the same.
        before.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS),
        display,
        headers.get("requires-python"),
        metadata);
  }

  /** The file's sha256, read in full. */
  static Sha256 hash(Path path) throws IOException {
    MessageDigest md = Sha256.newDigest();
    byte[] buf = new byte[65536];
    try (InputStream in = Files.newInputStream(path)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return Sha256.of(md.digest());
  }

  /**
   * The name as the core metadata's {@code Name} confirms it. A legacy sdist name with '-' in its
   * project name ({@code foo-2fa-1.0.tar.gz}) is split again by the metadata's name.
   */
  private static LocalPythonName agreeing(LocalPythonName name, String distName)
      throws BadUpstreamException {
    ProjectName meta;
    try {
      meta = new ProjectName(distName);
    } catch (IllegalArgumentException e) {
      throw new BadUpstreamException(
          name.fileName() + ": its core metadata's Name is not valid: " + e.getMessage(), e);
    }
    if (name.isProject(distName)) {
      return name;
    }
    if (!name.wheel()) {
      Optional<String> version = Filenames.version(meta, name.fileName());
      if (version.isPresent()) {
        return new LocalPythonName(name.fileName(), false, meta, version.get());
      }
    }
    throw new BadUpstreamException(
        name.fileName()
            + ": the file name says project '"
            + name.project().normalized()
            + "', but its "
            + (name.wheel() ? "METADATA" : "PKG-INFO")
            + " says Name: "
            + distName);
  }

  /** Where both versions are PEP 440, they must be equal (a wheel name spells '-' as '_'). */
  private static void checkVersion(LocalPythonName name, String metaVersion)
      throws BadUpstreamException {
    if (metaVersion == null) {
      return;
    }
    Optional<Pep440> file = Pep440.parse(name.version().replace('_', '-'));
    Optional<Pep440> meta = Pep440.parse(metaVersion);
    if (file.isPresent() && meta.isPresent() && !file.get().equals(meta.get())) {
      throw new BadUpstreamException(
          name.fileName()
              + ": the file name says version "
              + name.version()
              + ", but its "
              + (name.wheel() ? "METADATA" : "PKG-INFO")
              + " says Version: "
              + metaVersion);
    }
  }
}
