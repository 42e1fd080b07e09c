package dev.opstream.replay.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Says in words how a Deployment's opstream.dev annotations changed: the user-visible change. */
final class AnnotationDiff {

  private AnnotationDiff() {}

  /**
   * {@code opstream.dev/enabled: (none) → "true"} for each annotation that differs; {@code first
   * seen} with the annotations when {@code before} is null; {@code no opstream.dev change} when
   * none differs.
   */
  static String describe(Map<String, String> before, Map<String, String> after) {
    if (before == null) {
      return "first seen: " + (after.isEmpty() ? "no opstream.dev annotations" : list(after));
    }
    List<String> changes = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      String was = before.get(name);
      String now = after.get(name);
      if (!Objects.equals(was, now)) {
        changes.add(name + ": " + quoted(was) + " → " + quoted(now));
      }
    }
    return changes.isEmpty() ? "no opstream.dev change" : String.join(", ", changes);
  }

  private static String list(Map<String, String> annotations) {
    List<String> parts = new ArrayList<>();
    annotations.forEach((name, value) -> parts.add(name + "=" + quoted(value)));
    return String.join(", ", parts);
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "\"" + value + "\"";
  }
}
