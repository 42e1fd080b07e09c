package dev.opstream.backup.store;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns an S3 failure into a {@link BackupException} with the exit code an operator acts on. */
final class S3Errors {

  private static final Set<String> ACCESS_DENIED =
      Set.of(
          "AccessDenied",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "InvalidToken",
          "AllAccessDisabled",
          "AccountProblem");
  private static final Set<String> OUT_OF_SPACE =
      Set.of(
          "QuotaExceeded",
          "XMinioStorageFull",
          "XMinioAdminBucketQuotaExceeded",
          "StorageFull",
          "InsufficientStorage",
          "EntityTooLarge");

  private S3Errors() {}

  /**
   * The failure of {@code doing} (e.g. "upload backups/x/keys.zst") on {@code bucket}.
   *
   * @param failure what the SDK threw
   */
  static BackupException translate(SdkException failure, String bucket, String doing) {
    String where = "S3 bucket " + bucket + ": cannot " + doing + ": ";
    if (failure instanceof NoSuchBucketException) {
      return new BackupException(
          ExitCode.BUCKET_MISSING, "S3 bucket " + bucket + " does not exist", failure);
    }
    if (failure instanceof S3Exception s3) {
      String code =
          s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null
              ? ""
              : s3.awsErrorDetails().errorCode();
      String detail = (code.isEmpty() ? "HTTP " + s3.statusCode() : code) + " " + message(s3);
      if ("NoSuchBucket".equals(code)) {
        return new BackupException(
            ExitCode.BUCKET_MISSING, "S3 bucket " + bucket + " does not exist", failure);
      }
      if (ACCESS_DENIED.contains(code) || s3.statusCode() == 403 || s3.statusCode() == 401) {
        return new BackupException(ExitCode.ACCESS_DENIED, where + detail.trim(), failure);
      }
      if (OUT_OF_SPACE.contains(code) || s3.statusCode() == 507) {
        return new BackupException(ExitCode.OUT_OF_SPACE, where + detail.trim(), failure);
      }
      return new BackupException(ExitCode.FAILED, where + detail.trim(), failure);
    }
    if (failure instanceof SdkClientException && unreachable(failure)) {
      return new BackupException(
          ExitCode.S3_UNREACHABLE,
          where + "S3 cannot be reached: " + failure.getMessage(),
          failure);
    }
    return new BackupException(ExitCode.FAILED, where + failure.getMessage(), failure);
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause.getClass().getSimpleName().contains("ConnectTimeout")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String message(S3Exception failure) {
    if (failure.awsErrorDetails() != null && failure.awsErrorDetails().errorMessage() != null) {
      return "(" + failure.awsErrorDetails().errorMessage() + ")";
    }
    return "";
  }
}
