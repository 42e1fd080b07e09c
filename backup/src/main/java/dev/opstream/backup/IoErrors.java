package dev.opstream.backup;

import com.github.luben.zstd.ZstdIOException;
import dev.opstream.backup.format.KeyStreamReader.MalformedStreamException;
import java.io.IOException;
import java.util.Locale;

/** Turns an I/O failure outside Redis and S3 (local disk, decompression) into an exit code. */
final class IoErrors {

  private IoErrors() {}

  static BackupException translate(IOException failure, String context) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BackupException backup) {
        return backup;
      }
      if (cause instanceof MalformedStreamException || cause instanceof ZstdIOException) {
        return new BackupException(
            ExitCode.BACKUP_DAMAGED,
            context + ": the backup is damaged: " + cause.getMessage(),
            failure);
      }
      String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("no space left on device") || message.contains("disk quota exceeded")) {
        return new BackupException(
            ExitCode.OUT_OF_SPACE, context + ": " + cause.getMessage(), failure);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return new BackupException(ExitCode.FAILED, context + ": " + failure, failure);
  }
}
