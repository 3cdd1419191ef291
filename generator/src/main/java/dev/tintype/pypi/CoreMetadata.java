package dev.tintype.pypi;

import dev.tintype.curate.PyClosure;
import dev.tintype.fetch.Downloaded;
import dev.tintype.fetch.Expected;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The headers of a core metadata file (RFC 822 style) that the closure reads. */
final class CoreMetadata {
  // A METADATA file is a few KiB; this bounds what a hostile wheel can make us read.
  private static final int MAX_BYTES = 4 << 20;
  private static final Pattern METADATA = Pattern.compile("[^/]+\\.dist-info/METADATA");

  private CoreMetadata() {}

  /**
   * The metadata inside a wheel that upstream offers no PEP 658 file for. A wheel the pool already
   * holds (stored by sha256, so it is this file) is read there; otherwise it is downloaded to
   * scratch, verified against the digests its page gives, read, and kept for the pool fetch ({@link
   * ReadWheels}), so that it is downloaded once.
   */
  static PyClosure.Metadata fromWheel(MirrorContext ctx, DistFile f) throws IOException {
    String key = PoolFiles.poolKey(f);
    if (ctx.storage().size(key).isPresent()) {
      try (InputStream in = ctx.storage().open(key)) {
        return read(in, f);
      }
    }
    Downloaded d =
        ctx.fetcher()
            .download(
                URI.create(f.url()),
                ctx.scratch(),
                f.filename() + " (for its metadata)",
                new Expected(f.hashes().get("md5"), PoolFiles.sha(f), null));
    try {
      PyClosure.Metadata m;
      try (InputStream in = Files.newInputStream(d.file())) {
        m = read(in, f);
      }
      ReadWheels.keep(ctx, d);
      return m;
    } finally {
      Files.deleteIfExists(d.file());
    }
  }

  private static PyClosure.Metadata read(InputStream wheel, DistFile f) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(wheel)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (METADATA.matcher(e.getName()).matches()) {
          byte[] b = zip.readNBytes(MAX_BYTES + 1);
          if (b.length > MAX_BYTES) {
            throw new BadUpstreamException(
                f.filename() + ": " + e.getName() + " is larger than " + MAX_BYTES + " bytes");
          }
          return parse(new String(b, StandardCharsets.UTF_8));
        }
      }
      throw new BadUpstreamException(f.filename() + ": no *.dist-info/METADATA in the wheel");
    }
  }

  static PyClosure.Metadata parse(String text) {
    List<String> requires = new ArrayList<>();
    List<String> classifiers = new ArrayList<>();
    String expression = null;
    String license = null;
    String last = null;
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break; // the body (the description) follows the first blank line
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        continue; // a continuation line (License texts); nothing we read spans lines
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      last = key;
      switch (key.toLowerCase(java.util.Locale.ROOT)) {
        case "requires-dist" -> requires.add(value);
        case "classifier" -> classifiers.add(value);
        case "license-expression" -> expression = value;
        case "license" -> license = value;
        default -> {}
      }
    }
    return new PyClosure.Metadata(requires, expression, license, classifiers);
  }
}
