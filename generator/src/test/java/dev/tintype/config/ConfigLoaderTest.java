package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.fetch.FetchPolicy;
import dev.tintype.fetch.Limits;
import dev.tintype.fetch.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final Path BASE = Path.of("/etc/tintype");

  private static Config parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, "tintype.yaml", BASE);
  }

  @Test
  void aMinimalCranConfigParses() throws ConfigException {
    Config c =
        parse(
            """
            storage:
              filesystem: /srv/tintype
            repos:
              - name: cran
                type: cran
                upstream: https://cloud.r-project.org/
            """);
    assertThat(c.storage().filesystem()).contains(Path.of("/srv/tintype"));
    assertThat(c.repos()).hasSize(1);
    assertThat(c.repos().get(0).upstreamBase()).isEqualTo("https://cloud.r-project.org");
    assertThat(c.repos().get(0).type()).isEqualTo(RepoType.CRAN);
  }

  private static final String MINIMAL =
      "storage: {filesystem: /srv/tintype}\n"
          + "repos: [{name: cran, type: cran, upstream: 'https://cloud.r-project.org/'}]\n";

  @Test
  void publicUrlIsOptionalAndLosesItsTrailingSlash() throws ConfigException {
    assertThat(parse(MINIMAL).publicUrl()).isEmpty();
    assertThat(parse(MINIMAL + "public-url: https://pkgs.example.org/\n").publicUrl())
        .contains("https://pkgs.example.org");
  }

  @Test
  void aPublicUrlThatIsNotAnHttpUrlIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> parse(MINIMAL + "public-url: file:///srv/tintype\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("public-url");
    assertThatThrownBy(() -> parse(MINIMAL + "public-url: 'https://pkgs.example.org/?a=1'\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("public-url");
  }

  @Test
  void relativeStoragePathsResolveAgainstTheConfigFile() throws ConfigException {
    Config c =
        parse("storage: {filesystem: data}\nrepos: [{name: c, type: cran, upstream: 'file:///u'}]");
    assertThat(c.storage().filesystem()).contains(Path.of("/etc/tintype/data"));
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {filesystem: /s}\n"
                        + "repos: [{name: c, type: cran, upstrem: 'https://x'}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tintype.yaml")
        .hasMessageContaining("repos[0].upstrem");
  }

  @Test
  void aMissingRequiredKeyIsNamed() {
    assertThatThrownBy(() -> parse("storage: {filesystem: /s}\nrepos: [{name: c, type: cran}]"))
        .hasMessageContaining("missing required key 'repos[0].upstream'");
    assertThatThrownBy(() -> parse("repos: [{name: c, type: cran, upstream: 'https://x'}]"))
        .hasMessageContaining("missing required key 'storage'");
  }

  @Test
  void badNamesTypesAndUrlsAreRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {filesystem: /s}\nrepos: [{name: '../x', type: cran, upstream: 'https://x'}]"))
        .hasMessageContaining("repos[0].name");
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {filesystem: /s}\nrepos: [{name: c, type: apt, upstream: 'https://x'}]"))
        .hasMessageContaining("'apt' is not one of");
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {filesystem: /s}\nrepos: [{name: c, type: cran, upstream: 'ftp://x'}]"))
        .hasMessageContaining("must be an http://, https:// or file:// URL");
  }

  @Test
  void pypiNeedsAProjectList() {
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {filesystem: /s}\nrepos: [{name: p, type: pypi, upstream: 'https://x'}]"))
        .hasMessageContaining("projects is required");
  }

  @Test
  void duplicateRepositoryNamesAreRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {filesystem: /s}\nrepos: [{name: c, type: cran, upstream: 'https://x'},"
                        + " {name: c, type: cran, upstream: 'https://y'}]"))
        .hasMessageContaining("repeats");
  }

  @Test
  void brokenYamlIsAClearError() {
    assertThatThrownBy(() -> parse("storage: [unclosed"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/tintype.yaml")))
        .hasMessageContaining("/nonexistent/tintype.yaml does not exist");
  }

  @Test
  void s3StorageParsesWithoutSecrets() throws ConfigException {
    Config c =
        parse(
            """
            storage:
              s3: {bucket: pkgs, prefix: mirror, region: eu-west-1, endpoint: 'http://127.0.0.1:9000', path-style: true}
            repos: [{name: c, type: cran, upstream: 'https://x'}]
            """);
    StorageConfig.S3 s3 = c.storage().s3().orElseThrow();
    assertThat(s3.prefix()).isEqualTo("mirror/");
    assertThat(s3.pathStyle()).isTrue();
    assertThatThrownBy(
            () ->
                parse(
                    "storage: {s3: {bucket: b, secret-key: x}}\nrepos: [{name: c, type: cran, upstream: 'https://x'}]"))
        .hasMessageContaining("unknown key 'storage.s3.secret-key'");
  }

  private static final String REPOS =
      "storage: {filesystem: /s}\nrepos: [{name: c, type: cran, upstream: 'https://x'}]\n";

  @Test
  void downloadAndLimitKeysParse() throws ConfigException {
    Config c =
        parse(
            REPOS
                + """
                download:
                  parallel: 8
                  min-rate: 2K
                  rate-window: 3s
                  run-deadline: 6h
                  max-redirects: 2
                  allowed-hosts: [pypi.org, Files.PythonHosted.org]
                limits:
                  max-page-size: 16M
                  max-index-size: 2147483648
                """);
    FetchPolicy f = c.fetchPolicy();
    assertThat(c.parallelDownloads()).isEqualTo(8);
    assertThat(f.minRate()).isEqualTo(2048);
    assertThat(f.rateWindow()).isEqualTo(Duration.ofSeconds(3));
    assertThat(f.runDeadline()).contains(Duration.ofHours(6));
    assertThat(f.maxRedirects()).isEqualTo(2);
    assertThat(f.allowedHosts()).containsExactlyInAnyOrder("pypi.org", "files.pythonhosted.org");
    assertThat(f.limits()).isEqualTo(new Limits(16L << 20, 2L << 30));
    assertThat(f.retry()).isEqualTo(RetryPolicy.standard());
  }

  @Test
  void leftOutDownloadKeysKeepTheirDefaults() throws ConfigException {
    FetchPolicy f =
        parse(REPOS + "download: {rate-window: 90m, run-deadline: 'off'}\n").fetchPolicy();
    assertThat(f.minRate()).isEqualTo(1024);
    assertThat(f.rateWindow()).isEqualTo(Duration.ofMinutes(90));
    assertThat(f.runDeadline()).isEmpty();
    assertThat(f.maxRedirects()).isEqualTo(5);
    assertThat(f.allowedHosts()).isEmpty();
    assertThat(f.limits()).isEqualTo(Limits.defaults());
    assertThat(parse(REPOS).fetchPolicy()).isEqualTo(FetchPolicy.defaults());
    assertThat(
            parse(REPOS + "limits: {max-page-size: 8MiB}\n").fetchPolicy().limits().maxPageBytes())
        .isEqualTo(8L << 20);
    assertThat(parse(REPOS + "download: {min-rate: 0}\n").fetchPolicy().minRate()).isZero();
  }

  @Test
  void badDownloadAndLimitValuesNameTheFileAndKey() {
    assertBad("download: {min-rate: fast}", "download.min-rate 'fast' must be a size");
    assertBad("download: {min-rate: -1}", "download.min-rate '-1' must be a size");
    assertBad("download: {rate-window: 60}", "download.rate-window '60' must be a duration");
    assertBad(
        "download: {rate-window: 0s}",
        "download.rate-window '0s' must be a duration of at least 1s");
    assertBad(
        "download: {run-deadline: 6 days}", "download.run-deadline '6 days' must be a duration");
    assertBad(
        "download: {max-redirects: 99}", "download.max-redirects must be a whole number 0..20");
    assertBad(
        "download: {allowed-hosts: pypi.org}", "download.allowed-hosts must be a non-empty list");
    assertBad(
        "download: {allowed-hosts: ['https://pypi.org/']}",
        "download.allowed-hosts[0] 'https://pypi.org/' must be a host name");
    assertBad("download: {rate: 1K}", "unknown key 'download.rate'");
    assertBad("limits: {max-page-size: 1T}", "limits.max-page-size '1T' must be a size");
    assertBad("limits: {max-index-size: 0}", "limits.max-index-size '0' must be a size");
    assertBad("limits: {max-pages: 1M}", "unknown key 'limits.max-pages'");
  }

  @Test
  void bioconductorAndLocalRepositoriesParse() throws ConfigException {
    Config c =
        parse(
            """
            storage: {filesystem: /srv/tintype}
            repos:
              - {name: bioc, type: bioconductor, upstream: https://bioconductor.org, versions: ["3.20", "3.21"]}
              - {name: bioc-sw, type: bioconductor, upstream: https://bioconductor.org, versions: ["3.20"], areas: [bioc]}
              - {name: internal-r, type: local-r, path: internal/r}
              - {name: internal-py, type: local-python, path: /srv/internal/python}
            """);
    RepoConfig bioc = c.repos().get(0);
    assertThat(bioc.type()).isEqualTo(RepoType.BIOCONDUCTOR);
    assertThat(bioc.versions()).containsExactly("3.20", "3.21");
    assertThat(bioc.areas()).isEqualTo(RepoConfig.BIOC_AREAS);
    assertThat(c.repos().get(1).areas()).containsExactly("bioc");
    assertThat(c.repos().get(2).type()).isEqualTo(RepoType.LOCAL_R);
    assertThat(c.repos().get(2).upstream()).isEqualTo(BASE.resolve("internal/r").toUri());
    assertThat(c.repos().get(3).type().id()).isEqualTo("local-python");
    assertThat(c.repos().get(3).upstreamBase()).isEqualTo("file:///srv/internal/python");
  }

  @Test
  void badBioconductorAndLocalEntriesNameTheKey() {
    String head = "";
    assertBadRepo(
        "{name: b, type: bioconductor, upstream: https://bioconductor.org}",
        "tintype.yaml: repos[0].versions is required for type bioconductor");
    assertBadRepo(
        "{name: b, type: bioconductor, upstream: https://x, versions: [devel]}",
        "repos[0].versions[0] 'devel' is not a Bioconductor release");
    assertBadRepo(
        "{name: b, type: bioconductor, upstream: https://x, versions: ['3.20'], areas: [x]}",
        "repos[0].areas[0] 'x' is not one of");
    assertBadRepo(
        "{name: b, type: cran, upstream: https://x, versions: ['3.20']}",
        "repos[0].versions is only for type bioconductor");
    assertBadRepo("{name: l, type: local-r}", "missing required key 'repos[0].path'");
    assertBadRepo(
        "{name: l, type: local-python, path: /x, upstream: https://x}",
        "repos[0].upstream is not for type local-python");
    assertBadRepo("{name: c, type: cran, path: /x}", "repos[0].path is only for types local-r");
    assertBadRepo(
        "{name: c, type: conda, upstream: https://x}",
        "is not one of: cran, pypi, bioconductor, local-r, local-python");
  }

  @Test
  void aCuratedCranSubsetLeavesTheArchiveOutAndRefusesArchiveTrue() throws ConfigException {
    Config c =
        parse(
            """
            storage: {filesystem: /srv/tintype}
            repos:
              - {name: cran, type: cran, upstream: https://cloud.r-project.org, packages: [dplyr]}
            """);
    assertThat(c.repos().get(0).archive()).isFalse();
    assertBadRepo(
        "{name: c, type: cran, upstream: https://x, packages: [dplyr], archive: true}",
        "repos[0].archive: true cannot be combined with a curated subset");
  }

  @Test
  void cranArchiveIsOnByDefaultAndOnlyForCran() throws ConfigException {
    Config c =
        parse(
            """
            storage: {filesystem: /srv/tintype}
            repos:
              - {name: cran, type: cran, upstream: https://cloud.r-project.org}
              - {name: cran-now, type: cran, upstream: https://cloud.r-project.org, archive: false}
            """);
    assertThat(c.repos().get(0).archive()).isTrue();
    assertThat(c.repos().get(1).archive()).isFalse();
    assertBadRepo(
        "{name: p, type: pypi, upstream: https://x, projects: [a], archive: true}",
        "repos[0].archive is only for type cran");
    assertBadRepo(
        "{name: c, type: cran, upstream: https://x, archive: 'no'}",
        "repos[0].archive must be true or false");
  }

  private static void assertBad(String yaml, String message) {
    assertThatThrownBy(() -> parse(REPOS + yaml + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tintype.yaml: ")
        .hasMessageContaining(message);
  }

  private static void assertBadRepo(String repo, String message) {
    assertThatThrownBy(() -> parse("storage: {filesystem: /srv}\nrepos:\n  - " + repo + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tintype.yaml: ")
        .hasMessageContaining(message);
  }
}
