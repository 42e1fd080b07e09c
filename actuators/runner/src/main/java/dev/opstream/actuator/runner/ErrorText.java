package dev.opstream.actuator.runner;

import java.util.ArrayList;
import java.util.List;

/** The error text of a failed result: the messages along the cause chain, without repeats. */
final class ErrorText {

  private static final int MAX_LENGTH = 2000;

  private ErrorText() {}

  static String of(Throwable failure) {
    List<String> messages = new ArrayList<>();
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message == null || message.isBlank()) {
        message = cause.getClass().getSimpleName();
      } else if (!(cause instanceof ActuatorException)) {
        message = cause.getClass().getSimpleName() + ": " + message;
      }
      String text = message;
      if (messages.stream().noneMatch(seen -> seen.contains(text))) {
        messages.add(text);
      }
    }
    String joined = String.join(": caused by ", messages);
    return joined.length() <= MAX_LENGTH ? joined : joined.substring(0, MAX_LENGTH) + "...";
  }
}
