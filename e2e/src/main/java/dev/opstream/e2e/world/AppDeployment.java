package dev.opstream.e2e.world;

import dev.opstream.topics.records.AppKey;
import java.util.Map;
import java.util.Objects;

/**
 * A Deployment as the check sees it: its app key and its annotations.
 *
 * @param app {@code cluster/namespace/name}
 * @param annotations every annotation it carries (only {@code opstream.dev/*} ones matter)
 */
public record AppDeployment(AppKey app, Map<String, String> annotations) {

  public AppDeployment {
    Objects.requireNonNull(app, "app");
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
