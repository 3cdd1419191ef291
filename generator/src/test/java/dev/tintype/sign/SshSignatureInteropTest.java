package dev.tintype.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tintype's SSHSIG and OpenSSH's read each other: keys, signatures and fingerprints. */
class SshSignatureInteropTest {
  @TempDir Path dir;

  @BeforeEach
  void needsSshKeygen() {
    SshKeygen.assumeInstalled();
  }

  @Test
  void sshKeygenAcceptsTintypesSignatureAndRejectsItAfterOneByteOfTheMessageChanges()
      throws IOException {
    Path key = SshKeygen.newKey(dir.resolve("key"));
    SigningKey k = SigningKey.load(key);
    Path message = Files.writeString(dir.resolve("manifest.json"), "{\"format\": 1}\n");
    Path sig;
    try (InputStream in = Files.newInputStream(message)) {
      sig = Files.write(dir.resolve("manifest.json.sig"), SshSignature.sign(k, in));
    }
    Path allowed =
        SshKeygen.allowedSigners(dir.resolve("allowed"), Files.readString(dir.resolve("key.pub")));

    SshKeygen.Run good = SshKeygen.verify(allowed, sig, message);
    assertThat(good.exit()).as(good.output()).isZero();
    assertThat(good.output()).contains(SshKeygen.fingerprint(dir.resolve("key.pub")));

    Files.writeString(message, "{\"format\": 2}\n");
    assertThat(SshKeygen.verify(allowed, sig, message).exit()).isNotZero();
  }

  @Test
  void tintypeAcceptsASignatureMadeBySshKeygenAndRejectsItAfterOneByteChanges() throws IOException {
    Path key = SshKeygen.newKey(dir.resolve("key"));
    Path message = Files.writeString(dir.resolve("m"), "signed by OpenSSH\n");
    byte[] sig = Files.readAllBytes(SshKeygen.sign(key, message));
    AllowedSigners allowed =
        AllowedSigners.load(
            SshKeygen.allowedSigners(
                dir.resolve("allowed"), Files.readString(dir.resolve("key.pub"))));

    String by = allowed.check(sig, Files.newInputStream(message), "m");
    assertThat(by).isEqualTo(SshKeygen.fingerprint(dir.resolve("key.pub")));

    byte[] changed = Files.readAllBytes(message);
    changed[0] ^= 1;
    assertThatThrownBy(() -> allowed.check(sig, new ByteArrayInputStream(changed), "m"))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("does not match the content")
        .hasMessageContaining(by);
  }

  @Test
  void aKeyMadeBySshKeygenHasTheFingerprintSshKeygenPrints() throws IOException {
    Path key = SshKeygen.newKey(dir.resolve("key"));
    assertThat(SigningKey.load(key).publicKey().fingerprint())
        .isEqualTo(SshKeygen.fingerprint(dir.resolve("key.pub")))
        .startsWith("SHA256:");
    assertThat(SigningKey.load(key).publicKey().openSshLine())
        .isEqualTo(Files.readString(dir.resolve("key.pub")).strip().replace(" test", ""));
  }

  @Test
  void anEncryptedKeyIsRefusedNamingTheFileAndShowingNoKeyMaterial() throws IOException {
    Path key = dir.resolve("locked");
    SshKeygen.run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", key.toString())
        .requireOk();
    String body = Files.readString(key);
    assertThatThrownBy(() -> SigningKey.load(key))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining(key.toString())
        .hasMessageContaining("encrypted with a passphrase")
        .satisfies(e -> assertNoKeyMaterial(e.getMessage(), body));
  }

  @Test
  void aKeyOfAnotherTypeIsRefusedNamingTheFile() throws IOException {
    Path key = dir.resolve("ecdsa");
    SshKeygen.run(null, "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", key.toString())
        .requireOk();
    String body = Files.readString(key);
    assertThatThrownBy(() -> SigningKey.load(key))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining(key.toString())
        .hasMessageContaining("'ecdsa-sha2-nistp256' key; tintype signs with ed25519")
        .satisfies(e -> assertNoKeyMaterial(e.getMessage(), body));
  }

  static void assertNoKeyMaterial(String message, String keyText) {
    for (String line : keyText.split("\n")) {
      if (!line.startsWith("-----") && line.length() > 8) {
        for (int i = 0; i + 8 <= line.length(); i += 8) {
          assertThat(message).doesNotContain(line.substring(i, i + 8));
        }
      }
    }
    assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThan(400);
  }
}
