package dev.opstream.planner.desired;

import java.util.Objects;

/**
 * A bad annotation value: which annotation, the value as written, what is wrong, what is allowed.
 *
 * <p>{@link #message()} is what the app's status and the Kubernetes Event show; it always starts
 * with the annotation's name.
 *
 * @param annotation the full annotation name, e.g. {@code opstream.dev/backup-retention}
 * @param value the value exactly as written, or {@code null} when the annotation had no value
 * @param problem what is wrong, e.g. {@code is not a whole number}
 * @param allowed what would be accepted instead
 */
public record AnnotationError(String annotation, String value, String problem, String allowed) {

  public AnnotationError {
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(allowed, "allowed");
  }

  /** One line for people: {@code <annotation> = "<value>": <problem>; allowed: <allowed>}. */
  public String message() {
    String shown = value == null ? "(no value)" : Values.quote(value);
    return annotation + " = " + shown + ": " + problem + "; allowed: " + allowed;
  }
}
