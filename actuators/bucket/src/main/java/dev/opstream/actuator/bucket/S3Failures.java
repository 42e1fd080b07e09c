package dev.opstream.actuator.bucket;

import dev.opstream.actuator.runner.ActuatorException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Says whether a failed S3 call may pass when tried again: network errors, timeouts, throttling,
 * server errors and conflicts may; access denied, invalid requests and unsupported features will
 * not without someone changing something.
 */
final class S3Failures {

  static final int NOT_IMPLEMENTED = 501;

  private S3Failures() {}

  static ActuatorException of(String doing, SdkException failure) {
    String message = doing + " failed: " + describe(failure);
    return retryable(failure)
        ? ActuatorException.retryable(message, failure)
        : new ActuatorException(ActuatorException.Reason.PERMANENT, message, failure);
  }

  static boolean isStatus(SdkException failure, int status) {
    return failure instanceof S3Exception s3 && s3.statusCode() == status;
  }

  static boolean isCode(SdkException failure, String code) {
    return failure instanceof S3Exception s3
        && s3.awsErrorDetails() != null
        && code.equals(s3.awsErrorDetails().errorCode());
  }

  private static boolean retryable(SdkException failure) {
    if (failure instanceof SdkClientException) {
      return true;
    }
    if (!(failure instanceof S3Exception s3)) {
      return failure.retryable();
    }
    int status = s3.statusCode();
    return status >= 500 && status != NOT_IMPLEMENTED
        || status == 429
        || status == 409
        || status == 404
        || status == 408;
  }

  private static String describe(SdkException failure) {
    if (failure instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
      return s3.statusCode()
          + " "
          + s3.awsErrorDetails().errorCode()
          + (s3.awsErrorDetails().errorMessage() == null
              ? ""
              : ": " + s3.awsErrorDetails().errorMessage());
    }
    return failure.getMessage();
  }
}
