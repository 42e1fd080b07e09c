package dev.opstream.backup.redis;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Turns a Redis failure into a {@link BackupException} with the exit code an operator acts on. */
public final class RedisErrors {

  private RedisErrors() {}

  /**
   * The failure of {@code doing} (e.g. "connect") against {@code target}.
   *
   * @param failure what the client threw, or a {@link RespSocket.ErrorReply}
   */
  public static BackupException translate(Throwable failure, RedisTarget target, String doing) {
    if (failure instanceof BackupException backup) {
      return backup;
    }
    String where = "Redis " + target.display() + ": cannot " + doing + ": ";
    String reply = errorReply(failure);
    if (reply != null) {
      String upper = reply.toUpperCase(Locale.ROOT);
      if (upper.startsWith("WRONGPASS")
          || upper.startsWith("NOAUTH")
          || upper.contains("INVALID PASSWORD")
          || upper.contains("INVALID USERNAME-PASSWORD")
          || upper.contains("AUTH <PASSWORD> CALLED WITHOUT ANY PASSWORD")
          || upper.contains("CLIENT SENT AUTH, BUT NO PASSWORD IS SET")) {
        return new BackupException(
            ExitCode.REDIS_AUTH_FAILED,
            where
                + "authentication failed ("
                + reply
                + "); check REDIS_PASSWORD or --password-file"
                + target.username().map(u -> " and the user " + u).orElse(""),
            failure);
      }
      if (upper.startsWith("NOPERM")) {
        return new BackupException(
            ExitCode.ACCESS_DENIED,
            where
                + "the Redis user "
                + target.username().orElse("default")
                + " lacks a permission ("
                + reply
                + ")",
            failure);
      }
      if (upper.contains("DUMP PAYLOAD VERSION OR CHECKSUM ARE WRONG")) {
        return new BackupException(
            ExitCode.BACKUP_DAMAGED,
            where
                + reply
                + " (the payload is corrupt, or comes from a newer Redis than the target)",
            failure);
      }
      if (upper.startsWith("OOM")) {
        return new BackupException(
            ExitCode.OUT_OF_SPACE,
            where + "Redis is out of memory (" + reply + "); raise maxmemory or free memory",
            failure);
      }
      return new BackupException(ExitCode.FAILED, where + reply, failure);
    }
    if (unreachable(failure)) {
      return new BackupException(
          ExitCode.REDIS_UNREACHABLE,
          where + "unreachable (" + rootMessage(failure) + ")",
          failure);
    }
    return new BackupException(ExitCode.FAILED, where + rootMessage(failure), failure);
  }

  /** The first Redis error reply along the cause chain, if any. */
  static String errorReply(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof RespSocket.ErrorReply reply) {
        return reply.getMessage();
      }
      if (cause.getClass().getName().startsWith("io.lettuce.core.RedisCommandExecutionException")
          || cause.getClass().getName().startsWith("io.lettuce.core.RedisNoScriptException")) {
        return cause.getMessage();
      }
    }
    return null;
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof SocketTimeoutException
          || cause.getClass().getSimpleName().contains("ConnectTimeout")
          || cause.getClass().getName().equals("io.lettuce.core.RedisConnectionException")
              && cause.getCause() == null) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (next(root) != null) {
      root = next(root);
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}
