package dev.opstream.planner.desired;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired state the planner acts on, with the errors and warnings to report.
 *
 * <p>The rule that keeps a typo from tearing an app down: valid annotations replace the desired
 * state; invalid ones leave the last good desired state in force and only add errors. An app whose
 * annotations have never been valid has no desired state at all, which means "do nothing" (no
 * ensure, and above all no delete), never "disabled".
 *
 * @param spec what to act on; empty means plan nothing for this app
 * @param source where {@code spec} comes from
 * @param errors the current annotations' bad values, to show in status and as Events
 * @param warnings the current annotations' warnings
 */
public record DesiredState(
    Optional<DesiredSpec> spec,
    Source source,
    List<AnnotationError> errors,
    List<AnnotationWarning> warnings) {

  /** Where the spec in force comes from. */
  public enum Source {
    /** The current annotations, which are all valid. */
    ANNOTATIONS,
    /** An earlier, valid version of the annotations; the current ones have errors. */
    LAST_GOOD,
    /** Nowhere: the annotations have never been valid, so there is nothing to do. */
    NONE
  }

  public DesiredState {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(source, "source");
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if (spec.isPresent() == (source == Source.NONE)) {
      throw new IllegalArgumentException("source " + source + " does not fit spec " + spec);
    }
  }

  /**
   * The desired state after new annotations were parsed: their spec when valid, else the last good
   * spec (if any) with their errors.
   *
   * @param lastGood the spec in force before (empty, or {@code null}, when there was none)
   * @param parsed the new annotations, parsed
   */
  public static DesiredState resolve(Optional<DesiredSpec> lastGood, ParseResult parsed) {
    Objects.requireNonNull(parsed, "parsed");
    if (parsed instanceof ParseResult.Valid valid) {
      return new DesiredState(
          Optional.of(valid.spec()), Source.ANNOTATIONS, List.of(), valid.warnings());
    }
    Optional<DesiredSpec> kept = Objects.requireNonNullElse(lastGood, Optional.empty());
    return new DesiredState(
        kept,
        kept.isPresent() ? Source.LAST_GOOD : Source.NONE,
        parsed.errors(),
        parsed.warnings());
  }

  /** Whether the current annotations have bad values. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
