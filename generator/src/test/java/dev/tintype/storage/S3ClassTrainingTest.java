package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3ClassTrainingTest {
  @Test
  void theCannedEndpointTakesTheS3ClientThroughEachRequestTheTrainingMakes() throws IOException {
    try (CannedS3 endpoint = CannedS3.start();
        S3Storage s3 = S3ClassTraining.open(endpoint)) {
      byte[] bytes = "hello".getBytes(StandardCharsets.US_ASCII);
      assertThat(s3.exists("pool/aa/bb/x/x.tar.gz")).isFalse();
      assertThat(s3.exists("cran/latest/manifest.json")).isFalse();
      assertThat(s3.put("cran/t/PACKAGES", bytes)).isTrue();
      s3.replace("cran/t/PACKAGES.gz", bytes);
      try (InputStream in = s3.open("cran/t/PACKAGES")) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      assertThat(s3.list("cran/t")).isEmpty();
      s3.objects().copy("cran/t/PACKAGES", "cran/latest/PACKAGES", (String) null);
      s3.delete("cran/t/PACKAGES");
    }
  }

  @Test
  void theTrainingNeverThrows() {
    S3ClassTraining.run();
  }
}
