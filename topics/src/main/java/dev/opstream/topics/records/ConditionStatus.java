package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A condition's status, spelled as in Kubernetes ({@code True}, {@code False}, {@code Unknown}).
 */
public enum ConditionStatus {
  @JsonProperty("True")
  TRUE,
  @JsonProperty("False")
  FALSE,
  @JsonProperty("Unknown")
  UNKNOWN
}
