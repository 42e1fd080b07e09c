package dev.opstream.planner.desired;

import java.util.Objects;

/**
 * Something worth telling the user that does not make the annotations invalid, such as an {@code
 * opstream.dev/*} annotation this version does not know.
 *
 * @param annotation the annotation it is about
 * @param message one line for people, starting with the annotation's name
 */
public record AnnotationWarning(String annotation, String message) {

  public AnnotationWarning {
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(message, "message");
  }
}
