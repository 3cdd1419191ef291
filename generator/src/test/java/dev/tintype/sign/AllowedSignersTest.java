package dev.tintype.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AllowedSignersTest {
  private static final byte[] MESSAGE = "{\"files\": []}\n".getBytes(StandardCharsets.UTF_8);
  private static final TestKeys.Pair OLD = TestKeys.ed25519();
  private static final TestKeys.Pair NEW = TestKeys.ed25519();

  private static byte[] sign(TestKeys.Pair key, byte[] message) throws IOException {
    return SshSignature.sign(key.signingKey(), new ByteArrayInputStream(message));
  }

  private static String check(AllowedSigners a, byte[] sig, byte[] message) throws IOException {
    return a.check(sig, new ByteArrayInputStream(message), "manifest.json");
  }

  @Test
  void withTwoKeysTrustedASignatureByEitherIsAccepted() throws IOException {
    AllowedSigners both =
        AllowedSigners.parse(OLD.allowedSigner() + "\n" + NEW.allowedSigner() + "\n", "signers");
    assertThat(check(both, sign(OLD, MESSAGE), MESSAGE)).isEqualTo(OLD.fingerprint());
    assertThat(check(both, sign(NEW, MESSAGE), MESSAGE)).isEqualTo(NEW.fingerprint());
  }

  @Test
  void aSignatureByAKeyNotListedIsRefusedNamingItsFingerprint() throws IOException {
    AllowedSigners onlyNew = AllowedSigners.parse(NEW.allowedSigner(), "/etc/signers");
    byte[] sig = sign(OLD, MESSAGE);
    assertThatThrownBy(() -> check(onlyNew, sig, MESSAGE))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("signed by " + OLD.fingerprint())
        .hasMessageContaining("/etc/signers");
  }

  @Test
  void aSignatureOverChangedContentIsRefused() throws IOException {
    AllowedSigners a = AllowedSigners.parse(OLD.allowedSigner(), "signers");
    byte[] sig = sign(OLD, MESSAGE);
    byte[] changed = MESSAGE.clone();
    changed[3] ^= 0x20;
    assertThatThrownBy(() -> check(a, sig, changed))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("does not match the content");
  }

  @Test
  void aKeyListedOnlyForAnotherNamespaceIsNotTrusted() throws IOException {
    AllowedSigners git =
        AllowedSigners.parse("dev@example.org namespaces=\"git,file\" " + OLD.publicLine(), "s");
    assertThatThrownBy(() -> check(git, sign(OLD, MESSAGE), MESSAGE))
        .hasMessageContaining("do not list");
  }

  @Test
  void aKeyPastItsValidBeforeDateIsNotTrustedAndOneWithinItIs() throws IOException {
    AllowedSigners expired =
        AllowedSigners.parse("tintype valid-before=\"20200101Z\" " + OLD.publicLine(), "s");
    assertThatThrownBy(() -> check(expired, sign(OLD, MESSAGE), MESSAGE))
        .hasMessageContaining("do not list");
    AllowedSigners current =
        AllowedSigners.parse(
            "tintype valid-after=\"20200101\",valid-before=\"29991231235959Z\" " + OLD.publicLine(),
            "s");
    assertThat(check(current, sign(OLD, MESSAGE), MESSAGE)).isEqualTo(OLD.fingerprint());
  }

  @Test
  void commentsBlankLinesQuotedPrincipalsAndOtherKeyTypesAreRead() throws IOException {
    String text =
        "# release keys\n\n"
            + "   \n"
            + "\"a@example.org,b@example.org\" ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 old rsa\n"
            + "ca@example.org cert-authority "
            + NEW.publicLine()
            + "\n"
            + "tintype,release@example.org "
            + OLD.publicLine()
            + "\n";
    AllowedSigners a = AllowedSigners.parse(text, "s");
    assertThat(check(a, sign(OLD, MESSAGE), MESSAGE)).isEqualTo(OLD.fingerprint());
    // A certificate authority vouches for certificates, not for signatures by itself.
    assertThatThrownBy(() -> check(a, sign(NEW, MESSAGE), MESSAGE))
        .hasMessageContaining("do not list");
  }

  @Test
  void aDamagedLineIsRefusedNamingTheFileAndLine() {
    assertThatThrownBy(
            () ->
                AllowedSigners.parse(
                    "# ok\n" + OLD.allowedSigner() + "\ntintype ssh-ed25519 !!", "/etc/s"))
        .isInstanceOf(KeyException.class)
        .hasMessageStartingWith("/etc/s line 3: ");
    assertThatThrownBy(() -> AllowedSigners.parse("tintype bogus=1 " + OLD.publicLine(), "/etc/s"))
        .hasMessageContaining("line 1: unknown option 'bogus'");
    assertThatThrownBy(() -> AllowedSigners.parse("# nothing\n", "/etc/s"))
        .hasMessageContaining("lists no ssh-ed25519 key");
  }

  @Test
  void aSignatureFileThatIsNotOneIsRefusedAsSuch() throws IOException {
    AllowedSigners a = AllowedSigners.parse(OLD.allowedSigner(), "s");
    assertThatThrownBy(() -> check(a, "hello".getBytes(StandardCharsets.US_ASCII), MESSAGE))
        .isInstanceOf(SignatureProblem.class)
        .hasMessageContaining("is not an SSH signature");
  }

  @Test
  void aSigningKeyPrintsOnlyItsFingerprint() throws IOException {
    SigningKey k = OLD.signingKey();
    assertThat(k.toString()).isEqualTo("signing key " + OLD.fingerprint());
    SshSignatureInteropTest.assertNoKeyMaterial(k.toString(), OLD.privateText());
  }
}
