package dev.opstream.localstack.kube;

/** A patch that cannot be applied; answered with 422 Invalid like the real API server does. */
final class PatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PatchException(String message) {
    super(message);
  }
}
