package dev.opstream.topics.admin;

import java.util.List;
import java.util.Objects;

/**
 * One topic's line in a {@link TopicReport}.
 *
 * @param topic the topic's name
 * @param outcome what was found or done
 * @param changes what was changed, e.g. {@code retention.ms: 86400000 -> -1}
 * @param differences what differs from the catalogue and was left as it is
 */
public record TopicResult(
    String topic, TopicOutcome outcome, List<String> changes, List<String> differences) {

  public TopicResult {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(outcome, "outcome");
    changes = List.copyOf(changes);
    differences = List.copyOf(differences);
  }

  /** One line for a person, e.g. {@code opstream.status CONFIG_UPDATED: cleanup.policy: ...}. */
  public String describe() {
    StringBuilder line = new StringBuilder(topic).append(' ').append(outcome);
    if (!changes.isEmpty()) {
      line.append("; changed: ").append(String.join(", ", changes));
    }
    if (!differences.isEmpty()) {
      line.append("; differs: ").append(String.join(", ", differences));
    }
    return line.toString();
  }
}
