package dev.tintype.pypi;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.fixtures.PypiUpstream;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.purge.PurgeListener;
import dev.tintype.purge.Purger;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A storage on jimfs, the demo PyPI upstream ({@link PypiUpstream#demo}) served by a fake server,
 * and a rig that syncs its three projects into repository {@code pypi}.
 */
final class DemoPypi implements AutoCloseable {
  static final RepoName PYPI = new RepoName("pypi");

  final FileStorage storage;
  final PypiUpstream upstream;
  final FakeUpstream server;
  final RepoConfig repo;
  private final FileSystem fs;
  private Rig rig;

  DemoPypi(Path upstreamDir) throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    upstream = PypiUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
    repo = Rig.repo("pypi", RepoType.PYPI, server.url(), "Demo.Pkg", "tiny_dep", "other-thing");
  }

  Rig rig() {
    return rig;
  }

  /** From now on, serials come from upstream's project list, so unchanged projects go unread. */
  void carryUnread() {
    rig.close();
    rig = new Rig(storage, Map.of(RepoType.PYPI, new PypiMirror(1)));
  }

  void sync(String date) throws IOException {
    rig.sync(repo, date);
  }

  /** A project page of a snapshot, {@code index.html} or {@code index.json}. */
  String page(String date, String project, String file) throws IOException {
    try (InputStream in = storage.open("pypi/" + date + "/simple/" + project + "/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  void purgeFile(String name) throws IOException {
    new Purger(storage, new PurgeListener() {})
        .run(new Purger.Request(PYPI, Optional.empty(), List.of(name), "malware"), false, false);
  }

  Verifier.Report verify(String date) throws IOException {
    return new Verifier(storage).verify(PYPI, SnapshotDate.parse(date));
  }

  @Override
  public void close() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }
}
