package dev.opstream.topics.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What {@link TopicAdmin#create} or {@link TopicAdmin#verify} found, topic by topic. */
public record TopicReport(List<TopicResult> topics) {

  public TopicReport {
    topics = List.copyOf(topics);
  }

  public Optional<TopicResult> topic(String name) {
    return topics.stream().filter(result -> result.topic().equals(name)).findFirst();
  }

  /** Whether anything was created or changed on the broker. */
  public boolean changedAnything() {
    return topics.stream().anyMatch(result -> !result.changes().isEmpty());
  }

  /** Whether every topic now matches the catalogue (nothing missing, nothing left differing). */
  public boolean matchesCatalogue() {
    return topics.stream()
        .allMatch(
            result ->
                result.outcome() != TopicOutcome.DIFFERS
                    && result.outcome() != TopicOutcome.MISSING);
  }

  /** How many topics had each outcome. */
  public Map<TopicOutcome, Long> counts() {
    return topics.stream()
        .collect(Collectors.groupingBy(TopicResult::outcome, TreeMap::new, Collectors.counting()));
  }

  /** A line per topic, then a summary line ({@code nothing changed} when nothing was). */
  public String describe() {
    StringBuilder text = new StringBuilder();
    topics.forEach(result -> text.append(result.describe()).append('\n'));
    if (!changedAnything()) {
      text.append("nothing changed");
    } else {
      text.append(
          counts().entrySet().stream()
              .map(entry -> entry.getValue() + " " + entry.getKey())
              .collect(Collectors.joining(", ")));
    }
    if (!matchesCatalogue()) {
      text.append("; some topics differ from the catalogue");
    }
    return text.append('\n').toString();
  }
}
