package dev.opstream.replay.dlq;

import dev.opstream.replay.ReplayException;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters to send back: by DLQ coordinate ({@code partition@offset}), by the original
 * record's {@code ce_id}, or every one with a given reason.
 */
public record DeadLetterSelection(
    Set<String> coordinates, Set<String> eventIds, Set<String> reasons) {

  public DeadLetterSelection {
    coordinates = Set.copyOf(coordinates);
    eventIds = Set.copyOf(eventIds);
    reasons = Set.copyOf(reasons);
    for (String coordinate : coordinates) {
      if (!coordinate.matches("\\d+@\\d+")) {
        throw ReplayException.permanent(
            "'" + coordinate + "' is not a DLQ coordinate partition@offset, such as 3@17");
      }
    }
    if (coordinates.isEmpty() && eventIds.isEmpty() && reasons.isEmpty()) {
      throw ReplayException.permanent(
          "say which records to replay: --offset partition@offset, --id ce_id or --reason REASON");
    }
  }

  public static DeadLetterSelection of(
      List<String> coordinates, List<String> eventIds, List<String> reasons) {
    return new DeadLetterSelection(
        Set.copyOf(coordinates == null ? List.of() : coordinates),
        Set.copyOf(eventIds == null ? List.of() : eventIds),
        Set.copyOf(reasons == null ? List.of() : reasons));
  }

  public boolean selects(DeadLetterEntry entry) {
    return coordinates.contains(entry.coordinate())
        || entry.eventId() != null && eventIds.contains(entry.eventId())
        || entry.origin() != null && reasons.contains(entry.origin().reason());
  }
}
