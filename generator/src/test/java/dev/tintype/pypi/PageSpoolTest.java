package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.ProjectStatus;
import java.nio.file.FileSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PageSpoolTest {
  private static DistFile full(int i) {
    TreeMap<String, String> hashes = new TreeMap<>();
    hashes.put("sha256", String.format("%064x", i));
    hashes.put("md5", String.format("%032x", i));
    TreeMap<String, String> metadata = new TreeMap<>();
    metadata.put("sha256", String.format("%064x", i + 1));
    return new DistFile(
        "pkg_" + i + "-1.0-py3-none-any.whl",
        "https://files.example/ünï/" + i + ".whl",
        hashes,
        ">=3.8",
        i % 2 == 0 ? "" : "broken: use 1.1 ✓",
        metadata,
        1000L + i,
        Instant.parse("2026-11-27T10:15:30.123456Z"),
        "https://example/integrity/" + i + "#sha256=" + String.format("%064x", i + 2));
  }

  private static DistFile bare(int i) {
    TreeMap<String, String> hashes = new TreeMap<>();
    hashes.put("sha256", String.format("%064x", i));
    return new DistFile(
        "pkg-" + i + ".tar.gz", "../../f/" + i, hashes, null, null, null, null, null);
  }

  @Test
  void everyPageComesBackEqualWithEveryFieldNullOrNot() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        PageSpool spool = new PageSpool(fs.getPath("/scratch"))) {
      List<ProjectPage> pages = new ArrayList<>();
      List<Long> at = new ArrayList<>();
      // Past several flushes of the write buffer.
      for (int i = 0; i < 300; i++) {
        ProjectStatus status =
            i % 3 == 0
                ? ProjectStatus.NONE
                : new ProjectStatus(
                    "archived", i % 2 == 0 ? null : "moved", List.of("https://t/" + i), List.of());
        ProjectPage p =
            new ProjectPage(
                new ProjectName("Pkg_" + i),
                List.of(full(i), bare(i)),
                i % 5 == 0 ? -1 : 1000 + i,
                status);
        pages.add(p);
        at.add(spool.write(p));
      }
      ProjectPage quarantined =
          new ProjectPage(
              new ProjectName("bad"),
              List.of(),
              7,
              new ProjectStatus("quarantined", "malware", null, null));
      long q = spool.write(quarantined);
      for (int i = pages.size() - 1; i >= 0; i--) {
        ProjectPage back = spool.read(at.get(i), null);
        assertThat(back).isEqualTo(pages.get(i));
        assertThat(back.name().name()).isEqualTo(pages.get(i).name().name());
      }
      assertThat(spool.read(q, null)).isEqualTo(quarantined);
    }
  }

  @Test
  void aPageReadBackUnderItsPlansNameSharesThatNameAndOtherwiseKeepsItsOwn() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        PageSpool spool = new PageSpool(fs.getPath("/scratch"))) {
      ProjectName planned = new ProjectName("Demo.Pkg");
      long at = spool.write(new ProjectPage(new ProjectName("Demo.Pkg"), List.of(), 7));

      assertThat(spool.read(at, planned).name()).isSameAs(planned);
      // Upstream spelled it otherwise: its spelling is what the project list shows.
      ProjectPage other = spool.read(at, new ProjectName("demo-pkg"));
      assertThat(other.name().name()).isEqualTo("Demo.Pkg");
      assertThat(other.lastSerial()).isEqualTo(7);
    }
  }
}
