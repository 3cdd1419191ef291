package dev.tintype.sign;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs OpenSSH's ssh-keygen for interop tests; they skip when it is not installed. */
public final class SshKeygen {
  private SshKeygen() {}

  /** Exit code and both outputs of one run. */
  public record Run(int exit, String output) {
    public Run requireOk() {
      if (exit != 0) {
        throw new IllegalStateException("ssh-keygen failed (" + exit + "): " + output);
      }
      return this;
    }
  }

  public static void assumeInstalled() {
    boolean ok;
    try {
      ok = run(null, "ssh-keygen", "-?").output().contains("ssh-keygen");
    } catch (IOException e) {
      ok = false;
    }
    assumeTrue(ok, "ssh-keygen not installed: apt-get install openssh-client");
  }

  /** A new unencrypted ed25519 key at {@code file} (and {@code file.pub}). */
  public static Path newKey(Path file) throws IOException {
    run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", file.toString())
        .requireOk();
    return file;
  }

  /** Runs {@code ssh-keygen -Y verify} with principal and namespace tintype. */
  public static Run verify(Path allowedSigners, Path signature, Path message) throws IOException {
    return run(
        message,
        "ssh-keygen",
        "-Y",
        "verify",
        "-f",
        allowedSigners.toString(),
        "-I",
        "tintype",
        "-n",
        "tintype",
        "-s",
        signature.toString());
  }

  /** Signs {@code message} into {@code message.sig} with {@code ssh-keygen -Y sign}. */
  public static Path sign(Path key, Path message) throws IOException {
    run(null, "ssh-keygen", "-Y", "sign", "-f", key.toString(), "-n", "tintype", message.toString())
        .requireOk();
    return message.resolveSibling(message.getFileName() + ".sig");
  }

  /** {@code ssh-keygen -l -f file}: the SHA256 fingerprint it prints. */
  public static String fingerprint(Path file) throws IOException {
    String out = run(null, "ssh-keygen", "-l", "-f", file.toString()).requireOk().output();
    return out.split(" ")[1];
  }

  public static Run run(Path stdin, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
    pb.redirectErrorStream(true);
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    } else {
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }
    Process p = pb.start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("ssh-keygen did not finish in 60 s");
      }
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Writes an allowed_signers file trusting the given public key lines for principal tintype. */
  public static Path allowedSigners(Path file, String... publicLines) throws IOException {
    StringBuilder b = new StringBuilder("# test signers\n");
    for (String l : publicLines) {
      b.append("tintype namespaces=\"tintype\" ").append(l.strip()).append('\n');
    }
    return Files.writeString(file, b.toString());
  }
}
