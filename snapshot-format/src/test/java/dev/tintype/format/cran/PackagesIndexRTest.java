package dev.tintype.format.cran;

import static dev.tintype.format.dcf.TestSupport.rscript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.dcf.DcfRecord;
import dev.tintype.format.dcf.TestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a repository of real source tarballs and checks our three index files against those {@code
 * tools::write_PACKAGES} writes for it. Skipped without Rscript.
 */
@Tag("e2e")
class PackagesIndexRTest {
  @TempDir Path dir;

  @BeforeEach
  void needsR() {
    TestSupport.assumeRscript();
  }

  @Test
  void ourIndexesAreIdenticalToWritePackagesOnRealTarballs() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("r"));
    Path ours = Files.createDirectories(dir.resolve("ours"));
    tarball(
        repo,
        "alpha",
        "1.0.0",
        StandardCharsets.UTF_8,
        false,
        "Package: alpha\nVersion: 1.0.0\nTitle: The First Package\n"
            + "Description: Does the first thing. It does it well and\n    at length.\n"
            + "License: GPL (>= 2)\nDepends: R (>= 3.5.0), methods\n"
            + "Imports: beta (>= 0.1), stats, utils, graphics, grDevices, datasets, tools,\n"
            + "    parallel, splines\nSuggests: testthat (>= 3.0.0), knitr, rmarkdown\n"
            + "NeedsCompilation: no\nAuthor: Ann Author [aut, cre]\n"
            + "Maintainer: Ann Author <ann@example.org>\n");
    tarball(
        repo,
        "beta",
        "0.1-2",
        StandardCharsets.UTF_8,
        true,
        "Package: beta\nType: Package\nVersion: 0.1-2\nTitle: Compiled Code\n"
            + "Description: Has C code.\nLicense: MIT + file LICENSE\nDepends: R (>= 4.0)\n"
            + "Imports: Rcpp\nLinkingTo: Rcpp, RcppArmadillo\nSuggests:\nEnhances: alpha\n"
            + "NeedsCompilation: yes\nAuthor: G\u00e1bor Cs\u00e1rdi\n"
            + "Maintainer: G\u00e1bor Cs\u00e1rdi <gabor@example.org>\nEncoding: UTF-8\n"
            + "MD5sum: 00000000000000000000000000000000\nOS_type: unix\n");
    tarball(
        repo,
        "gamma",
        "2.0",
        StandardCharsets.ISO_8859_1,
        false,
        "Package: gamma\nVersion: 2.0\nTitle: Latin-1 and No NeedsCompilation\n"
            + "Description: Written by S\u00f8ren.\nLicense: GPL-3\nDepends: R\n"
            + "Imports: alpha\nSuggests: beta\nAuthor: S\u00f8ren H\u00f8jsgaard\n"
            + "Maintainer: S\u00f8ren H\u00f8jsgaard <s@example.org>\nEncoding: latin1\n"
            + "Priority: optional\n");

    List<DcfRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(repo)) {
      for (Path tarball : files.sorted(Comparator.comparing(Path::toString)).toList()) {
        records.add(recordOf(tarball));
      }
    }
    try (OutputStream out = Files.newOutputStream(ours.resolve("PACKAGES"))) {
      PackagesIndex.writePackages(records, out);
    }
    try (OutputStream out = Files.newOutputStream(ours.resolve("PACKAGES.gz"))) {
      PackagesIndex.writePackagesGz(records, out);
    }
    try (OutputStream out = Files.newOutputStream(ours.resolve("PACKAGES.rds"))) {
      PackagesIndex.writePackagesRds(records, out);
    }

    String out =
        rscript(
            dir,
            "tools::write_PACKAGES('r', type = 'source')\n"
                + "byName <- function(m) m[order(rownames(m)), , drop = FALSE]\n"
                + "theirs <- byName(readRDS('r/PACKAGES.rds'))\n"
                + "mine <- byName(readRDS('ours/PACKAGES.rds'))\n"
                + "if (!identical(theirs, mine)) { str(theirs); str(mine); stop('PACKAGES.rds differ') }\n"
                + "rowsByPackage <- function(m) m[order(m[, 'Package']), , drop = FALSE]\n"
                + "for (f in c('PACKAGES', 'PACKAGES.gz')) {\n"
                + "  a <- rowsByPackage(read.dcf(file.path('r', f)))\n"
                + "  b <- rowsByPackage(read.dcf(file.path('ours', f)))\n"
                + "  if (!identical(a, b)) { print(a); print(b); stop(f, ' differ') }\n"
                + "}\n"
                + "ap <- available.packages(contriburl = paste0('file://', normalizePath('ours')),"
                + " filters = list())\n"
                + "cat(rownames(ap), sep = '\\n')\n");
    assertThat(out.lines()).containsExactly("alpha", "beta", "gamma");
    // With the rows in the same order, the text index is R's byte for byte.
    assertThat(Files.readString(ours.resolve("PACKAGES")))
        .isEqualTo(Files.readString(repo.resolve("PACKAGES")));
  }

  /**
   * What write_PACKAGES does per tarball: read pkg/DESCRIPTION from it, keep the standard fields,
   * add MD5sum, and (our caller's job) NeedsCompilation from the presence of src/.
   */
  private static DcfRecord recordOf(Path tarball) throws Exception {
    String pkg = tarball.getFileName().toString().split("_")[0];
    DcfRecord description = null;
    boolean hasSrc = false;
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(tarball)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.getName().equals(pkg + "/DESCRIPTION")) {
          description = Dcf.read(tar, tarball + "!" + entry.getName()).get(0);
        }
        hasSrc |= entry.getName().startsWith(pkg + "/src/");
      }
    }
    assertThat(description).as("DESCRIPTION in %s", tarball).isNotNull();
    DcfRecord record = PackagesIndex.recordFor(description, md5(tarball));
    if (record.get("NeedsCompilation").isEmpty()) {
      record = record.with("NeedsCompilation", hasSrc ? "yes" : "no");
    }
    return record;
  }

  private static String md5(Path file) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file)) {
      md5.update(in.readAllBytes());
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void tarball(
      Path repo, String pkg, String version, Charset charset, boolean withSrc, String description)
      throws IOException {
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(
            new GzipCompressorOutputStream(
                Files.newOutputStream(repo.resolve(pkg + "_" + version + ".tar.gz"))))) {
      add(tar, pkg + "/DESCRIPTION", description.getBytes(charset));
      add(tar, pkg + "/NAMESPACE", "exportPattern(\".\")\n".getBytes(StandardCharsets.US_ASCII));
      if (withSrc) {
        TarArchiveEntry dirEntry = new TarArchiveEntry(pkg + "/src/");
        tar.putArchiveEntry(dirEntry);
        tar.closeArchiveEntry();
        add(tar, pkg + "/src/code.c", "int x;\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
