package dev.opstream.topics.cloudevents;

import dev.opstream.topics.records.ActionKind;
import java.util.Locale;

/** The {@code ce_source} of each stage, so every record says which stage wrote it. */
public final class Sources {

  private Sources() {}

  /** {@code opstream/watcher/<cluster>}. */
  public static String watcher(String cluster) {
    return "opstream/watcher/" + cluster;
  }

  /** {@code opstream/planner}. */
  public static String planner() {
    return "opstream/planner";
  }

  /** {@code opstream/actuator/<kind>}, e.g. {@code opstream/actuator/bucket}. */
  public static String actuator(ActionKind kind) {
    return "opstream/actuator/" + kind.name().toLowerCase(Locale.ROOT);
  }
}
