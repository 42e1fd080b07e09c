package dev.opstream.topics;

import java.util.List;
import java.util.Optional;

/**
 * The desired form of every opstream topic on a broker, built from a {@link CatalogueConfig}.
 * {@code TopicAdmin} creates and verifies topics from it.
 *
 * <table>
 *   <caption>Topics</caption>
 *   <tr><th>topic</th><th>cleanup</th><th>retention</th></tr>
 *   <tr><td>opstream.deployments, opstream.actions.*, opstream.results, opstream.timers</td>
 *       <td>delete</td><td>audit retention (default forever)</td></tr>
 *   <tr><td>opstream.status</td><td>compact</td><td>latest per app</td></tr>
 *   <tr><td>opstream.dlq</td><td>delete</td><td>DLQ retention (default 30 days)</td></tr>
 *   <tr><td>opstream.plan, opstream.plan.timers</td><td>delete</td><td>audit retention</td></tr>
 *   <tr><td>opstream.plan.status</td><td>compact</td><td>latest per app</td></tr>
 * </table>
 */
public final class TopicCatalogue {

  private final CatalogueConfig config;
  private final List<TopicSpec> specs;

  private TopicCatalogue(CatalogueConfig config) {
    this.config = config;
    this.specs = Topics.all().stream().map(topic -> specFor(topic, config)).toList();
  }

  public static TopicCatalogue of(CatalogueConfig config) {
    return new TopicCatalogue(config);
  }

  public CatalogueConfig config() {
    return config;
  }

  /** Every topic's spec, in pipeline order. */
  public List<TopicSpec> specs() {
    return specs;
  }

  /** The spec of {@code topic}. */
  public TopicSpec spec(Topic<?, ?> topic) {
    return spec(topic.name())
        .orElseThrow(() -> new IllegalArgumentException(topic + " is not in the catalogue"));
  }

  public Optional<TopicSpec> spec(String name) {
    return specs.stream().filter(spec -> spec.name().equals(name)).findFirst();
  }

  private static TopicSpec specFor(Topic<?, ?> topic, CatalogueConfig config) {
    CleanupPolicy cleanup;
    long retentionMs;
    if (topic.name().equals(Topics.STATUS.name())
        || topic.name().equals(Topics.PLAN_STATUS.name())) {
      cleanup = CleanupPolicy.COMPACT;
      retentionMs = -1L;
    } else if (topic.name().equals(Topics.DLQ.name())) {
      cleanup = CleanupPolicy.DELETE;
      retentionMs = config.dlqRetentionMs();
    } else {
      cleanup = CleanupPolicy.DELETE;
      retentionMs = config.auditRetentionMs();
    }
    return new TopicSpec(
        topic.name(),
        config.partitions(),
        config.replicationFactor(),
        cleanup,
        retentionMs,
        config.minInsyncReplicas());
  }
}
