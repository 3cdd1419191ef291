package dev.tintype.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void aMissingFileIsNamedAsMissing() {
    assertThat(Failures.describe(new NoSuchFileException("/srv/mirror/pool")))
        .isEqualTo("no such file or directory: /srv/mirror/pool");
  }

  @Test
  void wrappersAreSkippedAndTheCauseIsKept() {
    IOException io = new IOException("fetching https://cran.example/PACKAGES.gz failed");
    io.initCause(new SocketTimeoutException("timeout"));
    Throwable wrapped = new ExecutionException(new UncheckedIOException(io));
    assertThat(Failures.describe(wrapped))
        .isEqualTo(
            "fetching https://cran.example/PACKAGES.gz failed"
                + " (caused by: SocketTimeoutException: timeout)");
  }

  @Test
  void aCauseAlreadyInTheMessageIsNotRepeated() {
    IOException cause = new IOException("disk full");
    assertThat(Failures.describe(new IOException("writing x: disk full", cause)))
        .isEqualTo("writing x: disk full");
  }

  @Test
  void usageAndConfigFaultsExitTwoWithTheirMessageOnly() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
    ExitCode code =
        Failures.report(
            "list", new dev.tintype.config.ConfigException("x.yaml: no repos"), err, false);
    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo("tintype: x.yaml: no repos\n");
  }

  @Test
  void theExitCodesAreTheDocumentedOnes() {
    assertThat(ExitCode.OK.code()).isZero();
    assertThat(ExitCode.FAILED.code()).isEqualTo(1);
    assertThat(ExitCode.USAGE.code()).isEqualTo(2);
    assertThat(ExitCode.MISSING.code()).isEqualTo(3);
  }
}
