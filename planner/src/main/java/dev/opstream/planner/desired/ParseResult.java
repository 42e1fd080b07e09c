package dev.opstream.planner.desired;

import java.util.List;
import java.util.Objects;

/** What {@link DesiredStateParser#parse} made of an app's annotations. */
public sealed interface ParseResult {

  /**
   * Every bad value, in {@link DesiredStateParser#KNOWN} order; empty exactly when {@link Valid}.
   */
  List<AnnotationError> errors();

  /** Things worth telling the user that do not make the annotations invalid, sorted by name. */
  List<AnnotationWarning> warnings();

  /** All annotations are valid: this is the app's desired state now. */
  record Valid(DesiredSpec spec, List<AnnotationWarning> warnings) implements ParseResult {
    public Valid {
      Objects.requireNonNull(spec, "spec");
      warnings = List.copyOf(warnings);
    }

    @Override
    public List<AnnotationError> errors() {
      return List.of();
    }
  }

  /** At least one annotation has a bad value: the annotations as a whole say nothing. */
  record Invalid(List<AnnotationError> errors, List<AnnotationWarning> warnings)
      implements ParseResult {
    public Invalid {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one error");
      }
    }
  }
}
