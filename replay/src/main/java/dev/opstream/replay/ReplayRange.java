package dev.opstream.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * What to read: from {@code from} (inclusive) to {@code to} (exclusive) in every partition.
 *
 * @param from where to start
 * @param to where to stop; {@link Bound#EDGE} is the end of each partition when reading starts
 */
public record ReplayRange(Bound from, Bound to) {

  public ReplayRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from instanceof Bound.AtTime start
        && to instanceof Bound.AtTime end
        && !start.time().isBefore(end.time())) {
      throw ReplayException.permanent(
          "--from " + start.time() + " must be before --to " + end.time());
    }
    if (from instanceof Bound.AtOffset start
        && to instanceof Bound.AtOffset end
        && start.offset() >= end.offset()) {
      throw ReplayException.permanent(
          "--from offset " + start.offset() + " must be below --to offset " + end.offset());
    }
  }

  /** Everything on the topics now. */
  public static ReplayRange all() {
    return new ReplayRange(Bound.EDGE, Bound.EDGE);
  }

  /** From the first record still on the topics to this range's end. */
  public ReplayRange fromEarliest() {
    return new ReplayRange(Bound.EDGE, to);
  }

  /**
   * Whether a record of {@code time} is inside this range by time; offset bounds do not limit by
   * time.
   */
  public boolean covers(Instant time) {
    if (from instanceof Bound.AtTime start && time.isBefore(start.time())) {
      return false;
    }
    return !(to instanceof Bound.AtTime end) || time.isBefore(end.time());
  }

  /** Whether both ends are times or edges (no offsets). */
  public boolean byTime() {
    return !(from instanceof Bound.AtOffset) && !(to instanceof Bound.AtOffset);
  }
}
