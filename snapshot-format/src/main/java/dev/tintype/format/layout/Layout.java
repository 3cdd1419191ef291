package dev.tintype.format.layout;

/**
 * The storage layout of DESIGN.md. Every key is relative to the storage root and uses {@code /}. No
 * other code builds these paths by hand.
 */
public final class Layout {
  public static final String POOL = "pool";
  public static final String STATE = ".tintype";
  public static final String LATEST = "latest";
  public static final String MANIFEST = "manifest.json";

  /**
   * The SSHSIG signature of the manifest, next to it. Not listed in the manifest (it signs it), and
   * written before the manifest, so a signed snapshot never exists without it.
   */
  public static final String MANIFEST_SIGNATURE = MANIFEST + ".sig";

  /**
   * Prefixes that together hold every pool key and no other, one per first hex digit of the sha256:
   * a store that lists by prefix can list the pool in these parts at once.
   */
  public static final java.util.List<String> POOL_SHARDS =
      java.util.stream.IntStream.range(0, 16)
          .mapToObj(i -> POOL + "/" + Character.forDigit(i, 16))
          .toList();

  public static final String CRAN_CONTRIB = "src/contrib";

  /** Bioconductor's map of R versions to its releases, at the root of a snapshot and upstream. */
  public static final String BIOC_CONFIG = "config.yaml";

  /** The standard index files of an R contrib dir, in the order they are written. */
  public static final java.util.List<String> R_INDEXES =
      java.util.List.of("PACKAGES", "PACKAGES.gz", "PACKAGES.rds");

  public static final String SIMPLE = "simple";

  /** A PyPI project's PEP 503 page, inside its directory. */
  public static final String PROJECT_HTML = "index.html";

  /** A PyPI project's PEP 691 page, inside its directory. */
  public static final String PROJECT_JSON = "index.json";

  private Layout() {}

  /** {@code pool/ab/cd/<sha256>}: the directory that holds one pool file (and its .metadata). */
  public static String poolDir(Sha256 sha) {
    String h = sha.hex();
    return POOL + "/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + h;
  }

  /** {@code pool/ab/cd/<sha256>/<filename>}. */
  public static String poolFile(Sha256 sha, String fileName) {
    return poolDir(sha) + "/" + FileName.requireSafe(fileName, "pool file");
  }

  /**
   * Parses {@code pool/ab/cd/<sha256>/<file>}, the inverse of {@link #poolFile}.
   *
   * @throws IllegalArgumentException naming the key when it is not exactly such a key
   */
  public static PoolKey poolKey(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length == 5 && parts[0].equals(POOL)) {
      try {
        PoolKey k = new PoolKey(new Sha256(parts[3]), parts[4]);
        if (k.key().equals(key)) {
          return k;
        }
      } catch (IllegalArgumentException e) {
        // falls through to the message that names the key
      }
    }
    throw new IllegalArgumentException(
        "'" + FileName.printable(key) + "' is not a pool key pool/xx/yy/<sha256>/<file>");
  }

  /**
   * The file name of a pool key, or null where {@code key} is not one: what {@code
   * poolKey(key).fileName()} answers, without splitting the key and building it again to compare (a
   * PyPI snapshot's browsable page asks for each of its millions of pool files).
   */
  public static String poolFileName(String key) {
    // pool/ab/cd/<sha256>/<file>
    int ab = POOL.length() + 1;
    int cd = ab + 3;
    int sha = cd + 3;
    int name = sha + 64 + 1;
    if (key.length() <= name
        || !key.startsWith(POOL + "/")
        || key.charAt(cd - 1) != '/'
        || key.charAt(sha - 1) != '/'
        || key.charAt(name - 1) != '/'
        || !key.regionMatches(ab, key, sha, 2)
        || !key.regionMatches(cd, key, sha + 2, 2)
        || !Sha256.isLowerHex(key.substring(sha, name - 1), 64)) {
      return null;
    }
    String file = key.substring(name);
    return FileName.problem(file) == null ? file : null;
  }

  /** {@code <repo>}. */
  public static String repo(RepoName repo) {
    return repo.name();
  }

  /** {@code <repo>/<date>}: a published snapshot. */
  public static String snapshot(RepoName repo, SnapshotDate date) {
    return repo.name() + "/" + date;
  }

  /** A file inside a published snapshot. */
  public static String snapshotFile(RepoName repo, SnapshotDate date, String relative) {
    return snapshot(repo, date) + "/" + requireRelative(relative);
  }

  /** {@code <repo>/<date>/manifest.json}. */
  public static String manifest(RepoName repo, SnapshotDate date) {
    return snapshotFile(repo, date, MANIFEST);
  }

  /**
   * Whether {@code key} is a dated snapshot's manifest, as {@link #manifest} builds it (not {@code
   * latest}'s, nor one in staging).
   */
  public static boolean isManifest(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length != 3 || !parts[2].equals(MANIFEST) || !SnapshotDate.looksLikeDate(parts[1])) {
      return false;
    }
    try {
      return manifest(new RepoName(parts[0]), SnapshotDate.parse(parts[1])).equals(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code <repo>/<date>/manifest.json.sig}. */
  public static String manifestSignature(RepoName repo, SnapshotDate date) {
    return snapshotFile(repo, date, MANIFEST_SIGNATURE);
  }

  /** {@code <repo>/latest}. */
  public static String latest(RepoName repo) {
    return repo.name() + "/" + LATEST;
  }

  /** {@code .tintype/staging/<repo>/<date>}: where a filesystem snapshot is built before rename. */
  public static String staging(RepoName repo, SnapshotDate date) {
    return STATE + "/staging/" + repo.name() + "/" + date;
  }

  /** {@code .tintype/staging/<repo>}: the staging directories of a repository's runs. */
  public static String stagingOf(RepoName repo) {
    return STATE + "/staging/" + repo.name();
  }

  /**
   * {@code .tintype/trash/<repo>}: where a filesystem moves a snapshot it deletes, so that the
   * snapshot stops being served at once, whole, and is removed from there.
   */
  public static String trashOf(RepoName repo) {
    return STATE + "/trash/" + repo.name();
  }

  /** {@code .tintype/locks}: every repository's lock. */
  public static String locks() {
    return STATE + "/locks";
  }

  /** The repository a lock file name {@code <repo>.lock} belongs to, or null. */
  public static RepoName repoOfLock(String fileName) {
    if (!fileName.endsWith(".lock")) {
      return null;
    }
    try {
      return new RepoName(fileName.substring(0, fileName.length() - ".lock".length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code .tintype/runs}: one report per run of sync, gc, import or export. */
  public static String runs() {
    return STATE + "/runs";
  }

  private static final java.time.format.DateTimeFormatter RUN_TIME =
      java.time.format.DateTimeFormatter.ofPattern(
              "yyyyMMdd'T'HHmmss.SSS'Z'", java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private static final java.util.regex.Pattern RUN_FILE =
      java.util.regex.Pattern.compile("(\\d{8}T\\d{6}\\.\\d{3}Z)-([a-z][a-z0-9-]*)\\.json");

  /**
   * {@code .tintype/runs/<yyyyMMddTHHmmss.SSSZ>-<command>.json}: the report of a run that started
   * at {@code start} (UTC, to the millisecond, so that names sort by time).
   */
  public static String runReport(java.time.Instant start, String command) {
    if (!RUN_FILE.matcher("00000000T000000.000Z-" + command + ".json").matches()) {
      throw new IllegalArgumentException(
          "a run report's command must be lower-case letters, digits and '-', got '"
              + command
              + "'");
    }
    return runs() + "/" + RUN_TIME.format(start) + "-" + command + ".json";
  }

  /** A run report's start and command. */
  public record RunKey(java.time.Instant start, String command) {}

  /** The start and command of a run report's file name, or null if it is not one. */
  public static RunKey runOfReport(String fileName) {
    java.util.regex.Matcher m = RUN_FILE.matcher(fileName);
    if (!m.matches()) {
      return null;
    }
    try {
      return new RunKey(java.time.Instant.from(RUN_TIME.parse(m.group(1))), m.group(2));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static final java.util.regex.Pattern RUN_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /**
   * {@code .tintype/runs/<id>}: the shard results of sharded run {@code id} (letters, digits,
   * {@code .}, {@code _} and {@code -}, starting with a letter or digit, at most 128).
   */
  public static String runDir(String id) {
    if (!isRunId(id)) {
      throw new IllegalArgumentException(
          "a run id is letters, digits, '.', '_' and '-' (at most 128, starting with a letter or"
              + " digit, not ending in .json), got '"
              + id
              + "'");
    }
    return runs() + "/" + id;
  }

  /** {@code .tintype/runs/<id>/shard-<index>.json}: what shard {@code index} of a run stored. */
  public static String shardResult(String id, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative shard index " + index);
    }
    return runDir(id) + "/shard-" + index + ".json";
  }

  /** Whether {@code name}, a name directly under {@link #runs()}, is a sharded run's directory. */
  public static boolean isRunId(String name) {
    return name != null && RUN_ID.matcher(name).matches() && !name.endsWith(".json");
  }

  /**
   * {@code .tintype/runs/<id>/upstream/<sha256>}: a page or index upstream gave a shard of run
   * {@code id}, stored once per run by its content's sha256, for the publish to build from.
   */
  public static String runUpstream(String id, Sha256 digest) {
    return runDir(id) + "/upstream/" + digest.hex();
  }

  /** {@code .tintype/purges.json}: the record of every purge, the one exception to immutability. */
  public static String purges() {
    return STATE + "/purges.json";
  }

  /**
   * {@code .tintype/summaries/<repo>/<date>}: what the root page shows of a published snapshot
   * (packages, bytes), kept so that a publish does not read every manifest of every snapshot again.
   */
  public static String summary(RepoName repo, SnapshotDate date) {
    return STATE + "/summaries/" + repo.name() + "/" + date;
  }

  /** {@code .tintype/tmp}: downloads in progress. */
  public static String tmp() {
    return STATE + "/tmp";
  }

  /** {@code .tintype/locks/<repo>.lock}. */
  public static String lock(RepoName repo) {
    return locks() + "/" + repo.name() + ".lock";
  }

  /** {@code src/contrib/<file>}: a CRAN file's standard place inside a snapshot. */
  public static String cranContribFile(String fileName) {
    return contribFile(CRAN_CONTRIB, fileName);
  }

  /** {@code src/contrib/Archive}: where CRAN keeps the older versions of its packages. */
  public static final String CRAN_ARCHIVE = CRAN_CONTRIB + "/Archive";

  /** {@code src/contrib/Meta/<name>}: CRAN's {@code archive.rds} and {@code current.rds}. */
  public static String cranMeta(String name) {
    return CRAN_CONTRIB + "/Meta/" + FileName.requireSafe(name, "CRAN Meta file");
  }

  /**
   * {@code src/contrib/Archive/<pkg>/<file>}, the URL {@code remotes::install_version} builds for
   * an archived version.
   */
  public static String cranArchiveFile(String pkg, String fileName) {
    return CRAN_ARCHIVE
        + "/"
        + FileName.requireSafe(pkg, "R package")
        + "/"
        + FileName.requireSafe(fileName, "R package file");
  }

  /**
   * The {@code <pkg>/<file>} of a snapshot path {@link #cranArchiveFile} built (as archive.rds
   * names its rows), or null for any other path.
   */
  public static String cranArchiveRow(String relative) {
    String prefix = CRAN_ARCHIVE + "/";
    if (!relative.startsWith(prefix)) {
      return null;
    }
    String row = relative.substring(prefix.length());
    int slash = row.indexOf('/');
    if (slash <= 0 || row.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    return FileName.problem(row.substring(0, slash)) == null
            && FileName.problem(row.substring(slash + 1)) == null
        ? row
        : null;
  }

  /**
   * The PACKAGES {@code Path} value that leads from {@code <repo>/<date>/src/contrib} to a pool
   * dir.
   */
  public static String cranPathToPool(Sha256 sha) {
    return pathToPool(CRAN_CONTRIB, sha);
  }

  /**
   * {@code packages/<version>/<area>/src/contrib}: the contrib dir of one Bioconductor area (such
   * as {@code bioc} or {@code data/annotation}) of a release, inside a snapshot and upstream.
   */
  public static String biocContrib(String version, String area) {
    if (!version.matches("[0-9]+\\.[0-9]+")) {
      throw new IllegalArgumentException(
          "'" + FileName.printable(version) + "' is not a Bioconductor release such as 3.20");
    }
    return requireRelative("packages/" + version + "/" + area + "/" + CRAN_CONTRIB);
  }

  /** {@code <contribDir>/<file>}: a package file's standard place in a contrib dir. */
  public static String contribFile(String contribDir, String fileName) {
    return requireRelative(contribDir) + "/" + FileName.requireSafe(fileName, "R package file");
  }

  /** {@code <contribDir>/<index>}: one of {@link #R_INDEXES} of a contrib dir. */
  public static String contribIndex(String contribDir, String index) {
    if (!R_INDEXES.contains(index)) {
      throw new IllegalArgumentException(
          "'" + FileName.printable(index) + "' is not one of " + R_INDEXES);
    }
    return requireRelative(contribDir) + "/" + index;
  }

  /**
   * The PACKAGES {@code Path} value that leads from {@code <repo>/<date>/<contribDir>} to a pool
   * dir: one {@code ../} per segment of the contrib dir, and two more for the date and the repo.
   */
  public static String pathToPool(String contribDir, Sha256 sha) {
    int depth = requireRelative(contribDir).split("/", -1).length + 2;
    return "../".repeat(depth) + poolDir(sha);
  }

  /** {@code simple/<normalized>/}: a PyPI project's directory inside a snapshot. */
  public static String pypiProjectDir(String normalizedName) {
    return SIMPLE + "/" + FileName.requireSafe(normalizedName, "PyPI project") + "/";
  }

  /**
   * {@code simple/<normalized>/index.html} or {@code index.json}: a project's page in a snapshot.
   */
  public static String pypiProjectPage(String normalizedName, boolean json) {
    return pypiProjectDir(normalizedName) + (json ? PROJECT_JSON : PROJECT_HTML);
  }

  /**
   * The normalized project of a snapshot-relative path {@code simple/<name>/index.html} or {@code
   * index.json}; null for any other path. The inverse of {@link #pypiProjectPage}.
   */
  public static String projectOfPage(String relative) {
    String prefix = SIMPLE + "/";
    if (!relative.startsWith(prefix)) {
      return null;
    }
    int slash = relative.indexOf('/', prefix.length());
    if (slash < 0) {
      return null;
    }
    String page = relative.substring(slash + 1);
    if (!page.equals(PROJECT_HTML) && !page.equals(PROJECT_JSON)) {
      return null;
    }
    String name = relative.substring(prefix.length(), slash);
    return FileName.problem(name) == null ? name : null;
  }

  /** The href from {@code <repo>/<date>/simple/<name>/} to a pool file. */
  public static String pypiHrefToPool(Sha256 sha, String fileName) {
    return "../../../../" + poolFile(sha, fileName);
  }

  /** Checks a path inside a snapshot: relative, and every segment a safe file name. */
  public static String requireRelative(String relative) {
    if (relative.isEmpty() || relative.startsWith("/") || relative.endsWith("/")) {
      throw new IllegalArgumentException("bad snapshot path '" + relative + "'");
    }
    // Every file of a snapshot passes here: the message is built only for a bad one.
    int start = 0;
    while (true) {
      int end = relative.indexOf('/', start);
      String part = relative.substring(start, end < 0 ? relative.length() : end);
      if (FileName.problem(part) != null) {
        FileName.requireSafe(part, "snapshot path '" + FileName.printable(relative) + "'");
      }
      if (end < 0) {
        return relative;
      }
      start = end + 1;
    }
  }

  /**
   * {@code bin/windows/contrib/<x.y>}: Windows binaries for R {@code x.y}, as contrib.url has it.
   */
  public static String windowsContrib(String rMinor) {
    return "bin/windows/contrib/" + requireRMinor(rMinor);
  }

  /**
   * {@code bin/macosx/<flavor>/contrib/<x.y>}, or {@code bin/macosx/contrib/<x.y>} when {@code
   * flavor} is null: macOS binaries as contrib.url has them for {@code mac.binary.<flavor>} (or
   * {@code mac.binary}).
   */
  public static String macosContrib(String flavor, String rMinor) {
    String dir =
        flavor == null
            ? "bin/macosx"
            : "bin/macosx/" + FileName.requireSafe(flavor, "macOS flavor");
    return dir + "/contrib/" + requireRMinor(rMinor);
  }

  private static String requireRMinor(String rMinor) {
    if (!rMinor.matches("[0-9]+\\.[0-9]+")) {
      throw new IllegalArgumentException(
          "'" + FileName.printable(rMinor) + "' is not an R minor version such as 4.4");
    }
    return rMinor;
  }
}
