package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
}
