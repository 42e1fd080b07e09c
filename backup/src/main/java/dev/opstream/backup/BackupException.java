package dev.opstream.backup;

/**
 * A backup or restore failed for a reason the operator can act on; {@link #exitCode()} is the
 * process's exit status and says which.
 */
public final class BackupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public BackupException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public BackupException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
