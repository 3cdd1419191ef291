package dev.tintype.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small R source tarballs shaped like R CMD build's, with the odd parts tests need. */
final class Tarball {
  private final String pkg;
  private final String version;
  private final Map<String, String> description = new LinkedHashMap<>();
  private Charset charset = StandardCharsets.UTF_8;
  private boolean srcDir;
  private boolean bzip2;
  private boolean descriptionLast;
  private int paddingKiB;

  private Tarball(String pkg, String version) {
    this.pkg = pkg;
    this.version = version;
    description.put("Package", pkg);
    description.put("Version", version);
    description.put("Title", "Package " + pkg);
    description.put("Description", "Does what " + pkg + " does.\n    On two lines.");
    description.put("Author", "Ann Author [aut, cre]");
    description.put("Maintainer", "Ann Author <ann@example.org>");
    description.put("License", "GPL-2");
    description.put("NeedsCompilation", "no");
  }

  static Tarball of(String pkg, String version) {
    return new Tarball(pkg, version);
  }

  /** Sets a DESCRIPTION field; null removes it. */
  Tarball field(String tag, String value) {
    if (value == null) {
      description.remove(tag);
    } else {
      description.put(tag, value);
    }
    return this;
  }

  Tarball latin1() {
    charset = StandardCharsets.ISO_8859_1;
    return field("Encoding", "latin1");
  }

  /** Adds {@code <pkg>/src/} and a C file in it. */
  Tarball withSrc() {
    srcDir = true;
    return this;
  }

  Tarball bzip2() {
    bzip2 = true;
    return this;
  }

  /** Puts DESCRIPTION after a padding file, so the reader must inflate past it. */
  Tarball descriptionLast() {
    descriptionLast = true;
    return this;
  }

  /** Adds {@code inst/extdata/padding.bin} of random bytes. */
  Tarball paddingKiB(int kib) {
    paddingKiB = kib;
    return this;
  }

  String fileName() {
    return pkg + "_" + version + (bzip2 ? ".tar.bz2" : ".tar.gz");
  }

  Path writeTo(Path dir) throws IOException {
    Path file = dir.resolve(fileName());
    StringBuilder text = new StringBuilder();
    description.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream z =
            bzip2 ? new BZip2CompressorOutputStream(raw) : new GzipCompressorOutputStream(raw);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(z)) {
      dir(tar, pkg + "/");
      if (!descriptionLast) {
        file(tar, pkg + "/DESCRIPTION", text.toString().getBytes(charset));
      }
      file(tar, pkg + "/NAMESPACE", "exportPattern(\".\")\n".getBytes(StandardCharsets.UTF_8));
      dir(tar, pkg + "/R/");
      file(tar, pkg + "/R/f.R", "f <- function() 1\n".getBytes(StandardCharsets.UTF_8));
      if (paddingKiB > 0) {
        byte[] padding = new byte[paddingKiB * 1024];
        new Random(pkg.hashCode()).nextBytes(padding);
        dir(tar, pkg + "/inst/");
        dir(tar, pkg + "/inst/extdata/");
        file(tar, pkg + "/inst/extdata/padding.bin", padding);
      }
      if (srcDir) {
        dir(tar, pkg + "/src/");
        file(tar, pkg + "/src/code.c", "int x;\n".getBytes(StandardCharsets.UTF_8));
      }
      if (descriptionLast) {
        file(tar, pkg + "/DESCRIPTION", text.toString().getBytes(charset));
      }
    }
    return file;
  }

  private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name));
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  static String md5(Path file) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file)) {
      md5.update(in.readAllBytes());
    }
    return HexFormat.of().formatHex(md5.digest());
  }
}
