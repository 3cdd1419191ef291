package dev.tintype.local;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.pypi.SimpleTree;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.Mirror;
import dev.tintype.sync.MirrorContext;
import dev.tintype.sync.ParallelFetch;
import dev.tintype.sync.Phase;
import dev.tintype.sync.SnapshotSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns a local directory of wheels and sdists ({@code type: local-python}) into a dated PEP
 * 503/691 simple index, as dir2pi does, with the pages tintype writes for PyPI. Every package file
 * is read and checked before anything is stored: one bad file (a name that is not a wheel's or an
 * sdist's, a broken wheel) and nothing is published, with every bad file named. Files that are not
 * package files at all (a README) are left out with a warning. Hidden files are skipped.
 */
public final class LocalPythonMirror implements Mirror {
  private static final int NAMED_IN_WARNING = 5;

  /** A file read, or what is wrong with it. */
  private record Read(LocalPythonFile file, String problem) {}

  @Override
  public Result build(MirrorContext ctx, SnapshotSink sink) throws IOException {
    Path dir = directory(ctx);
    List<String> problems = new ArrayList<>();
    List<LocalPythonName> names = names(ctx, dir, problems);
    long maxMetadata = ctx.fetcher().limits().maxPageBytes();
    Map<LocalPythonName, Read> read =
        ParallelFetch.run(
            ctx,
            Phase.READ,
            names,
            LocalPythonName::fileName,
            n -> {
              try {
                return new Read(
                    LocalPythonFile.read(dir.resolve(n.fileName()), n, maxMetadata), null);
              } catch (BadUpstreamException e) {
                return new Read(null, e.getMessage());
              }
            });
    List<LocalPythonFile> files = new ArrayList<>();
    for (LocalPythonName n : names) {
      Read r = read.get(n);
      if (r.problem() != null) {
        problems.add(r.problem());
      } else {
        files.add(r.file());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadUpstreamException(
          dir
              + ": "
              + problems.size()
              + " file(s) cannot be published, so nothing was; fix or remove them:\n  "
              + String.join("\n  ", problems));
    }
    files = LocalPurges.without(ctx, files, LocalPythonFile::sha256, LocalPythonFile::path);
    if (files.isEmpty() && ctx.previous().isEmpty() && !ctx.options().force()) {
      throw new BadUpstreamException(
          dir
              + " holds no wheels or sdists; is the path right? Refusing to publish an empty"
              + " snapshot; use --force if this is intended.");
    }

    LocalPythonPool pool = new LocalPythonPool(ctx);
    List<LocalPythonFile> toCopy = new ArrayList<>();
    for (LocalPythonFile f : files) {
      if (pool.lacks(f)) {
        toCopy.add(f);
      }
    }
    ctx.info(files.size() + " package files; " + toCopy.size() + " to copy into the pool");
    ParallelFetch.run(
        ctx,
        Phase.COPY,
        toCopy,
        f -> f.name().fileName(),
        f -> {
          pool.store(f);
          return Boolean.TRUE;
        });

    ctx.listener().phase(ctx.repo().name().name(), Phase.INDEX);
    SimpleTree tree = new SimpleTree(sink, ctx.downloads());
    for (ProjectPage page : pages(files)) {
      tree.add(page);
    }
    for (LocalPythonFile f : files) {
      LocalPythonPool.Stored s = LocalPythonPool.entries(f);
      sink.reference(s.file());
      if (s.metadata() != null) {
        sink.reference(s.metadata());
      }
    }
    return new Result(tree.finish(), Map.of());
  }

  private static Path directory(MirrorContext ctx) throws BadUpstreamException {
    Path dir;
    try {
      dir = Path.of(ctx.repo().upstream());
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new BadUpstreamException(
          ctx.repo().name()
              + ": expected a local directory as path, found "
              + ctx.repo().upstream(),
          e);
    }
    if (!Files.isDirectory(dir)) {
      throw new BadUpstreamException(
          ctx.repo().name() + ": path " + dir + " is not a directory (or cannot be read)");
    }
    return dir;
  }

  /**
   * The package file names directly in {@code dir}, sorted; bad names go to {@code problems}, and
   * files that are not package files at all are named in one warning.
   */
  private static List<LocalPythonName> names(MirrorContext ctx, Path dir, List<String> problems)
      throws IOException {
    List<LocalPythonName> out = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, Path> entries = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> entries.put(p.getFileName().toString(), p));
    }
    for (Map.Entry<String, Path> e : entries.entrySet()) {
      String fileName = e.getKey();
      if (fileName.startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(e.getValue())) {
        ignored.add(fileName + "/");
        continue;
      }
      try {
        LocalPythonName.parse(fileName)
            .ifPresentOrElse(
                n -> {
                  if (!Files.isRegularFile(e.getValue())) {
                    problems.add(fileName + ": expected a regular file");
                  } else {
                    out.add(n);
                  }
                },
                () -> ignored.add(fileName));
      } catch (IllegalArgumentException bad) {
        problems.add(bad.getMessage());
      }
    }
    if (!ignored.isEmpty()) {
      List<String> named = ignored.subList(0, Math.min(NAMED_IN_WARNING, ignored.size()));
      ctx.warn(
          dir
              + ": left out "
              + ignored.size()
              + " entries that are not wheels (.whl) or sdists (.tar.gz, .zip): "
              + String.join(", ", named)
              + (ignored.size() > named.size()
                  ? " and " + (ignored.size() - named.size()) + " more"
                  : ""));
    }
    return out;
  }

  /** One page per project (by normalized name), named as its first file's metadata spells it. */
  private static List<ProjectPage> pages(List<LocalPythonFile> files) {
    Map<String, List<LocalPythonFile>> byProject = new TreeMap<>();
    for (LocalPythonFile f : files) {
      byProject.computeIfAbsent(f.name().project().normalized(), k -> new ArrayList<>()).add(f);
    }
    List<ProjectPage> out = new ArrayList<>();
    for (List<LocalPythonFile> project : byProject.values()) {
      List<DistFile> dist = new ArrayList<>();
      for (LocalPythonFile f : project) {
        dist.add(distFile(f));
      }
      out.add(new ProjectPage(project.get(0).displayName(), dist, -1));
    }
    return out;
  }

  private static DistFile distFile(LocalPythonFile f) {
    LocalPythonPool.Stored s = LocalPythonPool.entries(f);
    String fileName = f.name().fileName();
    return new DistFile(
        fileName,
        Layout.pypiHrefToPool(f.sha256(), fileName),
        new TreeMap<>(Map.of("sha256", f.sha256().hex())),
        f.requiresPython(),
        null,
        s.metadata() == null ? null : new TreeMap<>(Map.of("sha256", s.metadata().sha256())),
        f.size(),
        f.modified());
  }
}
