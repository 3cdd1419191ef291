package dev.tintype.bioc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoConfig;
import dev.tintype.config.RepoType;
import dev.tintype.curate.Curation;
import dev.tintype.fixtures.BiocUpstream;
import dev.tintype.fixtures.FakeUpstream;
import dev.tintype.format.dcf.Dcf;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.storage.FileStorage;
import dev.tintype.sync.Rig;
import dev.tintype.sync.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CuratedBiocSyncTest {
  private static final RepoName BIOC = new RepoName("bioc");
  @TempDir Path upstreamDir;
  private FileSystem fs;
  private FileStorage storage;
  private FakeUpstream server;
  private Rig rig;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    storage = new FileStorage(fs.getPath("/srv/tintype"));
    BiocUpstream.demo(upstreamDir);
    server = FakeUpstream.serve(upstreamDir);
    rig = new Rig(storage);
  }

  @AfterEach
  void tearDown() throws IOException {
    rig.close();
    server.close();
    fs.close();
  }

  private List<String> packages(String version, String area) throws IOException {
    String index = Layout.contribIndex(Layout.biocContrib(version, area), "PACKAGES");
    try (InputStream in = storage.open("bioc/2026-11-20/" + index)) {
      return Dcf.read(in, index).stream().map(r -> r.require("Package")).toList();
    }
  }

  @Test
  void theClosureSpansTheAreasOfAReleaseAndCranDependenciesAreRecordedAsExternal()
      throws IOException {
    RepoConfig repo =
        new RepoConfig(
                BIOC,
                RepoType.BIOCONDUCTOR,
                URI.create(server.url()),
                List.of(),
                List.of("3.16"),
                RepoConfig.BIOC_AREAS)
            .withCuration(new Curation(List.of("biocAlpha"), false, List.of()));
    rig.sync(repo, "2026-11-20");
    assertThat(packages("3.16", "bioc")).containsExactly("biocAlpha");
    assertThat(packages("3.16", "data/annotation")).containsExactly("org.Demo.db");
    assertThat(packages("3.16", "data/experiment")).isEmpty();
    assertThat(server.fileDownloads()).isEqualTo(2);
    assertThat(Snapshots.manifest(storage, BIOC, SnapshotDate.parse("2026-11-20")).properties())
        .containsEntry("curation.external.cranDep", "needed by biocAlpha; not in Bioconductor 3.16")
        .containsEntry("curation.left-out", "1");
  }
}
