package dev.tintype.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.config.RepoType;
import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.format.layout.Layout;
import dev.tintype.format.layout.RepoName;
import dev.tintype.format.layout.SnapshotDate;
import dev.tintype.pages.ManifestSummary;
import dev.tintype.storage.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync keeps its snapshot's summary as it publishes, so no one reads the manifest for it. */
class KeptSummaryTest {
  private static final RepoName CRAN = new RepoName("cran");

  @TempDir Path tmp;

  @Test
  void theSummaryASyncKeepsIsWhatReadingItsManifestGives() throws IOException {
    CranUpstream upstream =
        new CranUpstream(tmp.resolve("upstream"))
            .add(CranPackage.of("pkgA", "1.0.0"))
            .add(CranPackage.of("pkgB", "0.1.0").field("Imports", "pkgA"))
            .write();
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        Rig rig = new Rig(new FileStorage(fs.getPath("/srv/tintype")))) {
      String url = upstream.root().toUri().toString();
      for (String day : new String[] {"2026-11-20", "2026-11-21"}) {
        if (day.equals("2026-11-21")) {
          upstream.add(CranPackage.of("pkgC", "2.0")).write();
        }
        SnapshotDate date = SnapshotDate.parse(day);
        // Kept before the root page asks for it, which would otherwise read the manifest.
        List<Boolean> keptAtLatest = new ArrayList<>();
        rig.onPhase =
            (repo, phase) -> {
              if (phase == Phase.LATEST) {
                try {
                  keptAtLatest.add(rig.storage().exists(Layout.summary(CRAN, date)));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            };
        rig.sync(Rig.repo("cran", RepoType.CRAN, url), day);
        assertThat(keptAtLatest).containsExactly(true);

        ManifestSummary read = ManifestSummary.read(rig.storage(), CRAN, date);
        String kept;
        try (InputStream in = rig.storage().open(Layout.summary(CRAN, date))) {
          kept = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(kept)
            .isEqualTo(
                String.join(
                        "\t",
                        "tintype-summary-1",
                        "cran",
                        "cran",
                        day,
                        Integer.toString(read.packages()),
                        Long.toString(read.bytes()))
                    + "\n");
        assertThat(ManifestSummary.cached(rig.storage(), CRAN, date)).isEqualTo(read);
      }
    }
  }
}
