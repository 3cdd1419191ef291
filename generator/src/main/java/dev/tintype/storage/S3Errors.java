package dev.tintype.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns AWS SDK failures into messages that say what failed and what to do. They never quote the
 * request or the credentials, only the bucket, the key and S3's error code.
 */
final class S3Errors {
  static final String SAFE =
      "published snapshots are intact; rerun the sync, it uploads only what is missing";

  private S3Errors() {}

  /** An S3 operation; the SDK's unchecked exceptions become {@link IOException}s. */
  interface Call<T> {
    T run() throws IOException;
  }

  static int status(SdkException e) {
    return e instanceof SdkServiceException ? ((SdkServiceException) e).statusCode() : 0;
  }

  static String code(SdkException e) {
    if (e instanceof S3Exception && ((S3Exception) e).awsErrorDetails() != null) {
      String c = ((S3Exception) e).awsErrorDetails().errorCode();
      return c == null ? "" : c;
    }
    return "";
  }

  static IOException translate(String where, String what, SdkException e) {
    int status = status(e);
    String code = code(e);
    String failed = "S3 " + what + " failed (" + where + ")";
    if (e instanceof SdkClientException) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("Unable to load credentials") || m.contains("credentials")) {
        return new IOException(
            failed
                + ": no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                + "or AWS_PROFILE, or run with a web identity or instance role; the config file "
                + "never holds them",
            e);
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new IOException(
          failed
              + ": cannot reach the S3 endpoint ("
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage()
              + "). Check the network and storage.s3.endpoint; "
              + SAFE,
          e);
    }
    if (status == 404 && code.equals("NoSuchBucket")) {
      return new IOException(
          failed + ": the bucket does not exist. Create it, or fix storage.s3.bucket", e);
    }
    if (status == 401 || status == 403) {
      return new IOException(
          failed
              + ": access denied (HTTP "
              + status
              + (code.isEmpty() ? "" : " " + code)
              + "). Check the credentials the AWS SDK finds (AWS_ACCESS_KEY_ID and "
              + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity or instance role) and that "
              + "they may list, read, write and delete in this bucket",
          e);
    }
    if (status == 503 || status == 429 || code.equals("SlowDown") || isThrottling(e)) {
      return new IOException(
          failed
              + ": S3 kept throttling (HTTP "
              + status
              + (code.isEmpty() ? "" : " " + code)
              + ") after retries with backoff. Rerun later, or lower download.parallel; "
              + SAFE,
          e);
    }
    return new IOException(
        failed
            + ": HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + " after retries; "
            + SAFE,
        e);
  }

  private static boolean isThrottling(SdkException e) {
    return e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException
        && ((software.amazon.awssdk.awscore.exception.AwsServiceException) e)
            .isThrottlingException();
  }

  static <T> T call(String where, String what, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (SdkException e) {
      throw translate(where, what, e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
