package dev.opstream.planner.status;

import java.time.Instant;
import java.util.List;

/**
 * The pipeline's health as the status page shows it: each stage's consumer lag.
 *
 * @param computedAt when the lag was read; null before the first reading
 * @param stages one entry per stage
 * @param error why nothing could be read, or null
 */
public record PipelineHealth(Instant computedAt, List<StageLag> stages, String error) {

  public PipelineHealth {
    stages = List.copyOf(stages);
  }

  /** Before the first reading. */
  public static PipelineHealth notYetRead() {
    return new PipelineHealth(null, List.of(), "the lag has not been read yet");
  }
}
