package dev.tintype.bundle;

import dev.tintype.format.layout.FileName;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The directory an export writes into. The export writes {@link #PARTIAL} before anything else and
 * deletes it after the table of contents is in place, so a directory that holds the marker, no
 * table of contents and nothing but an export's own files is an unfinished export: a rerun may
 * clear it. Anything else in a non-empty directory is someone's data and is never touched.
 */
final class ExportDir {
  /** The marker of an unfinished export. */
  static final String PARTIAL = "tintype-bundle.partial";

  /** The table of contents while it is written, before it is moved into place. */
  static final String TOC_TMP = Bundle.TOC_FILE + ".tmp";

  /** The signature while it is written. */
  static final String SIGNATURE_TMP = Bundle.SIGNATURE_FILE + ".tmp";

  private static final Pattern CHUNK = Pattern.compile("chunk-[0-9]{4,9}\\.tar");
  private static final int NAMED = 5;

  private ExportDir() {}

  /**
   * Makes {@code out} ready for a new bundle: creates it, accepts it empty, or clears the
   * unfinished export in it. Returns how many files of an unfinished export it deleted.
   *
   * @throws IOException naming what {@code out} holds when it is none of these
   */
  static int prepare(Path out) throws IOException {
    if (!Files.exists(out)) {
      Files.createDirectories(out);
      return 0;
    }
    if (!Files.isDirectory(out)) {
      throw new IOException("%s exists and is not a directory".formatted(out));
    }
    List<Path> found = list(out);
    if (found.isEmpty()) {
      return 0;
    }
    List<String> names = found.stream().map(p -> p.getFileName().toString()).toList();
    if (names.contains(Bundle.TOC_FILE)) {
      throw new IOException(
          ("%s already holds a bundle (%s); export never overwrites one: choose a new or empty"
                  + " directory")
              .formatted(out, Bundle.TOC_FILE));
    }
    if (!names.contains(PARTIAL)) {
      throw new IOException(
          ("%s is not empty: it holds %s; export writes a bundle into a new or empty directory,"
                  + " or reruns into the directory of an unfinished export (one holding %s)")
              .formatted(out, describe(names), PARTIAL));
    }
    List<String> foreign = new ArrayList<>();
    for (Path p : found) {
      if (!isOwn(p)) {
        foreign.add(p.getFileName().toString());
      }
    }
    if (!foreign.isEmpty()) {
      throw new IOException(
          ("%s holds an unfinished export, but also %s, which no export writes; nothing was"
                  + " deleted: move it away or choose another directory")
              .formatted(out, describe(foreign)));
    }
    int cleared = 0;
    for (Path p : found) {
      if (!p.getFileName().toString().equals(PARTIAL)) {
        Files.delete(p);
        cleared++;
      }
    }
    return cleared;
  }

  /** Writes the marker, forced to the medium before the first chunk is written. */
  static void markUnfinished(Path out, String what) throws IOException {
    byte[] text =
        ("unfinished tintype export of %s: rerun the export into this directory, or delete it\n")
            .formatted(what)
            .getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            out.resolve(PARTIAL),
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      Channels.newOutputStream(ch).write(text);
      ch.force(true);
    }
  }

  /** Deletes the marker once the table of contents is in place. */
  static void markFinished(Path out) throws IOException {
    Files.deleteIfExists(out.resolve(PARTIAL));
  }

  /** Whether {@code dir} holds the marker and no table of contents. */
  static boolean isUnfinished(Path dir) {
    return Files.exists(dir.resolve(PARTIAL), LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(dir.resolve(Bundle.TOC_FILE), LinkOption.NOFOLLOW_LINKS);
  }

  // A regular file (not a link to one) named as an export names its files.
  private static boolean isOwn(Path p) {
    String name = p.getFileName().toString();
    return (name.equals(PARTIAL)
            || name.equals(TOC_TMP)
            || name.equals(SIGNATURE_TMP)
            || name.equals(Bundle.SIGNATURE_FILE)
            || CHUNK.matcher(name).matches())
        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static String describe(List<String> names) {
    List<String> shown = new ArrayList<>();
    for (String n : names.subList(0, Math.min(NAMED, names.size()))) {
      shown.add("'" + FileName.printable(n) + "'");
    }
    String list = String.join(", ", shown);
    return names.size() > NAMED ? "%s and %d more".formatted(list, names.size() - NAMED) : list;
  }
}
