package dev.tintype.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.sign.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustConfigTest {
  private static final TestKeys.Pair KEY = TestKeys.ed25519();
  private static final TestKeys.Pair ENV_KEY = TestKeys.ed25519();
  private static final String BASE =
      "storage:\n  filesystem: /srv/mirror\nrepos:\n  - name: cran\n    type: cran\n    upstream: https://cloud.r-project.org\n";

  @TempDir Path dir;

  private Config parse(String extra, Map<String, String> env) throws ConfigException {
    return ConfigLoader.parse(BASE + extra, "conf/tintype.yaml", dir, env);
  }

  @Test
  void relativeKeyPathsResolveAgainstTheConfigFilesDirectory() throws Exception {
    Files.writeString(dir.resolve("signing-key"), KEY.privateText());
    Files.writeString(dir.resolve("allowed_signers"), ENV_KEY.allowedSigner() + "\n");
    Config c = parse("signing:\n  key: signing-key\ntrusted-keys: allowed_signers\n", Map.of());
    assertThat(c.trust().signingKey().orElseThrow().publicKey().fingerprint())
        .isEqualTo(KEY.fingerprint());
    assertThat(c.trust().trustedKeys().orElseThrow().source())
        .isEqualTo(dir.resolve("allowed_signers").toString());
  }

  @Test
  void theEnvironmentKeyIsUsedWhenSigningKeyIsAbsentAndTheFileWinsWhenBothAreSet()
      throws Exception {
    Map<String, String> env = Map.of(ConfigLoader.SIGNING_KEY_ENV, ENV_KEY.privateText());
    assertThat(parse("", env).trust().signingKey().orElseThrow().publicKey().fingerprint())
        .isEqualTo(ENV_KEY.fingerprint());
    Files.writeString(dir.resolve("k"), KEY.privateText());
    assertThat(
            parse("signing:\n  key: k\n", env)
                .trust()
                .signingKey()
                .orElseThrow()
                .publicKey()
                .fingerprint())
        .isEqualTo(KEY.fingerprint());
    assertThat(parse("", Map.of()).trust()).isEqualTo(Trust.NONE);
  }

  @Test
  void anUnusableKeyIsAConfigErrorNamingTheFileAndTheKeyButNoKeyMaterial() throws IOException {
    assertThatThrownBy(() -> parse("signing:\n  key: missing\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "conf/tintype.yaml: signing.key: signing key "
                + dir.resolve("missing")
                + " does not exist");
    String damaged = KEY.privateText().replace("b3BlbnNzaC1rZXktdjEA", "b3BlbnNzaC1rZXktdjIA");
    Files.writeString(dir.resolve("bad"), damaged);
    assertThatThrownBy(() -> parse("signing:\n  key: bad\n", Map.of()))
        .hasMessageContaining("conf/tintype.yaml: signing.key: signing key " + dir.resolve("bad"))
        .satisfies(e -> assertNoKey(e.getMessage(), damaged));
    assertThatThrownBy(
            () -> parse("", Map.of(ConfigLoader.SIGNING_KEY_ENV, "ssh-ed25519 AAAA not private")))
        .hasMessageContaining("conf/tintype.yaml: TINTYPE_SIGNING_KEY: the signing key in")
        .hasMessageContaining("not an OpenSSH private key");
    assertThatThrownBy(() -> parse("trusted-keys: nowhere\n", Map.of()))
        .hasMessageStartingWith("conf/tintype.yaml: trusted-keys: trusted keys file ");
    assertThatThrownBy(() -> parse("signing:\n  file: k\n", Map.of()))
        .hasMessageContaining("unknown key 'signing.file'");
  }

  @Test
  void printingTheConfigShowsTheKeysFingerprintOnly() throws Exception {
    Config c = parse("", Map.of(ConfigLoader.SIGNING_KEY_ENV, KEY.privateText()));
    assertThat(c.toString()).contains(KEY.fingerprint());
    assertNoKey(c.toString(), KEY.privateText());
  }

  private static void assertNoKey(String message, String keyText) {
    for (String line : keyText.split("\n")) {
      if (!line.startsWith("-----")) {
        for (int i = 0; i + 12 <= line.length(); i += 12) {
          assertThat(message).doesNotContain(line.substring(i, i + 12));
        }
      }
    }
  }
}
