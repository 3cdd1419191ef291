package dev.tintype.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tintype.fixtures.CranPackage;
import dev.tintype.fixtures.CranUpstream;
import dev.tintype.fixtures.ProcessRunner;
import dev.tintype.sign.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signing.key and trusted-keys through the command line: sync, export, import, verify. */
@Tag("e2e")
class SignedCliIT {
  private static final String D1 = "2026-11-27";
  private static final String D2 = "2026-12-04";
  private static final TestKeys.Pair KEY = TestKeys.ed25519();
  private static final TestKeys.Pair STRANGER = TestKeys.ed25519();

  @TempDir Path tmp;

  private Path config(String name, String root, String upstream, String extra) throws IOException {
    return Files.writeString(
        tmp.resolve(name),
        "storage: {filesystem: "
            + root
            + "}\nrepos: [{name: cran, type: cran, upstream: '"
            + upstream
            + "'}]\n"
            + extra);
  }

  @Test
  void aSignedSnapshotTravelsToATrustingSideAndAStrangersBundleIsRefused() throws Exception {
    Path up = tmp.resolve("upstream");
    new CranUpstream(up).add(CranPackage.of("pkgA", "1.0.0")).write();
    Files.writeString(tmp.resolve("signing-key"), KEY.privateText());
    Files.writeString(tmp.resolve("allowed_signers"), KEY.allowedSigner() + "\n");
    Files.writeString(tmp.resolve("stranger-key"), STRANGER.privateText());
    String upstream = up.toUri().toString();
    Path signedA = config("a.yaml", "A", upstream, "signing: {key: signing-key}\n");
    Path strangerA = config("s.yaml", "A", upstream, "signing: {key: stranger-key}\n");
    Path plainA = config("p.yaml", "A", upstream, "trusted-keys: allowed_signers\n");
    Path b = config("b.yaml", "B", "https://unused.example", "trusted-keys: allowed_signers\n");

    ProcessRunner.Result sync =
        Cli.run("sync", "--config", signedA.toString(), "--date", D1).requireSuccess();
    assertThat(sync.stdout() + sync.stderr()).contains("signed by " + KEY.fingerprint());
    assertThat(tmp.resolve("A/cran/" + D1 + "/manifest.json.sig")).exists();

    Cli.run(
            "export",
            "--config",
            strangerA.toString(),
            "--date",
            D1,
            "--out",
            tmp.resolve("usb/stranger").toString())
        .requireSuccess();
    ProcessRunner.Result refused =
        Cli.run("import", "--config", b.toString(), tmp.resolve("usb/stranger").toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("signed by " + STRANGER.fingerprint());
    assertThat(refused.stdout() + refused.stderr())
        .doesNotContain(STRANGER.privateText().split("\n")[2]);
    assertThat(tmp.resolve("B/cran")).doesNotExist();
    assertThat(tmp.resolve("B/pool")).doesNotExist();

    ProcessRunner.Result export =
        Cli.run(
                "export",
                "--config",
                signedA.toString(),
                "--date",
                D1,
                "--out",
                tmp.resolve("usb/signed").toString())
            .requireSuccess();
    assertThat(export.stdout()).contains("tintype-bundle.json.sig  signed by " + KEY.fingerprint());
    ProcessRunner.Result imported =
        Cli.run("import", "--config", b.toString(), tmp.resolve("usb/signed").toString())
            .requireSuccess();
    assertThat(imported.stdout()).contains("signature: good, by trusted key " + KEY.fingerprint());
    assertThat(Cli.run("verify", "--config", b.toString()).requireSuccess().stdout())
        .contains("cran/" + D1 + ": ok, ")
        .contains("signed by " + KEY.fingerprint());

    // A snapshot published without the key fails verify where signatures are required.
    Cli.run("sync", "--config", plainA.toString(), "--date", D2).requireSuccess();
    ProcessRunner.Result verify = Cli.run("verify", "--config", plainA.toString());
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.stdout())
        .contains("cran/" + D1 + ": ok")
        .contains("cran/" + D2 + ": 1 problems")
        .contains("cran/" + D2 + "/manifest.json.sig: missing");
  }
}
