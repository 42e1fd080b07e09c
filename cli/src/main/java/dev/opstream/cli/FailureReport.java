package dev.opstream.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escapes a command into one line for the user ({@code error: what
 * happened: why}) and exit code 2; the stack trace goes to the debug log.
 */
final class FailureReport implements IExecutionExceptionHandler {

  /** The exit code of a command that failed (1 is kept for "ran, but found differences"). */
  static final int EXIT_FAILED = 2;

  private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    LOG.debug("{} failed", commandLine.getCommandName(), exception);
    commandLine.getErr().println("error: " + describe(exception));
    commandLine.getErr().flush();
    return EXIT_FAILED;
  }

  /** The messages along the cause chain, without repeats. */
  static String describe(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message == null || message.isBlank()) {
        message = cause.getClass().getSimpleName();
      }
      if (messages.stream().noneMatch(message::contains)) {
        messages.add(message);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return String.join(": ", messages);
  }
}
