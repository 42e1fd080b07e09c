package dev.opstream.planner.status;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Where the status API reads app statuses from. */
public interface StatusReader {

  /** Every app status this instance holds, sorted by app. */
  List<AppStatus> all();

  /** The status of {@code app}, if this instance holds it. */
  Optional<AppStatus> find(AppKey app);

  /**
   * The base URL ({@code http://host:port}) of the planner instance that holds {@code app}'s
   * status, when that is another instance.
   */
  Optional<URI> elsewhere(AppKey app);

  /** Thrown when the stores cannot be read now (the instance is starting or rebalancing). */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
