package dev.opstream.topics.records;

/**
 * Thrown by a record's constructor when its content breaks the record's contract. The serde turns
 * it into a typed read error, so a bad record on a topic ends in the dead-letter topic with the
 * {@link Problem} as its reason.
 */
public final class RecordValidationException extends IllegalArgumentException {

  /** What is wrong with the record. */
  public enum Problem {
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field is present but its value is not acceptable. */
    INVALID_VALUE,
    /** The record was written with a schema version this code does not know. */
    UNSUPPORTED_SCHEMA_VERSION
  }

  private final Problem problem;
  private final String field;

  public RecordValidationException(Problem problem, String field, String message) {
    super(message);
    this.problem = problem;
    this.field = field;
  }

  public Problem problem() {
    return problem;
  }

  /** The offending field's JSON name. */
  public String field() {
    return field;
  }
}
