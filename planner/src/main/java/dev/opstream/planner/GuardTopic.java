package dev.opstream.planner;

import dev.opstream.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the deletion-guard topic ({@link PlannerTopology#guardTopic}) exists with as many
 * partitions as {@code opstream.deployments}, before Kafka Streams starts: a verdict is sent to
 * every partition of it, and the task of partition {@code p} of {@code opstream.deployments} reads
 * partition {@code p} of it. Like Kafka Streams' own internal topics it is named after the
 * application id and created by the application, with the replication factor of {@code
 * opstream.deployments}.
 */
final class GuardTopic {

  private static final Logger LOG = LoggerFactory.getLogger(GuardTopic.class);

  /** Its records matter only until every partition has read the verdict. */
  private static final String RETENTION_MS = Long.toString(Duration.ofDays(7).toMillis());

  private GuardTopic() {}

  /**
   * Creates the topic if it is missing and returns the partition count of {@code
   * opstream.deployments}.
   *
   * @throws IllegalStateException when {@code opstream.deployments} is missing or the guard topic
   *     has another partition count
   */
  static int prepare(PlannerConfig config, Duration timeout) {
    StreamsConfig streams = new StreamsConfig(config.streamsProperties());
    Map<String, Object> adminConfig =
        new HashMap<>(streams.getAdminConfigs(config.applicationId() + "-guard-topic"));
    String name = PlannerTopology.guardTopic(config);
    try (Admin admin = Admin.create(adminConfig)) {
      TopicDescription deployments = describe(admin, Topics.DEPLOYMENTS.name(), timeout);
      if (deployments == null) {
        throw new IllegalStateException(
            Topics.DEPLOYMENTS.name()
                + " does not exist: create the topics first (opstream topics create)");
      }
      int partitions = deployments.partitions().size();
      short replicas = (short) deployments.partitions().get(0).replicas().size();
      TopicDescription existing = describe(admin, name, timeout);
      if (existing == null) {
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(name, partitions, replicas)
                          .configs(
                              Map.of(
                                  TopicConfig.CLEANUP_POLICY_CONFIG,
                                  TopicConfig.CLEANUP_POLICY_DELETE,
                                  TopicConfig.RETENTION_MS_CONFIG,
                                  RETENTION_MS))))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("Created {} with {} partitions", name, partitions);
          return partitions; // a new topic may not be described yet: it has what was asked
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create " + name + ": " + e.getCause(), e);
          }
        }
        existing = awaitDescribed(admin, name, timeout);
      }
      if (existing == null || existing.partitions().size() != partitions) {
        throw new IllegalStateException(
            name
                + " has "
                + (existing == null ? "no" : existing.partitions().size())
                + " partitions but "
                + Topics.DEPLOYMENTS.name()
                + " has "
                + partitions
                + ": delete "
                + name
                + " (it holds nothing that outlives a snapshot) and start the planner again");
      }
      return partitions;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + timeout, e);
    }
  }

  /** A topic another instance has just created: its metadata may take a moment to spread. */
  private static TopicDescription awaitDescribed(Admin admin, String topic, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    TopicDescription described = describe(admin, topic, timeout);
    while (described == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
      described = describe(admin, topic, timeout);
    }
    return described;
  }

  private static TopicDescription describe(Admin admin, String topic, Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IllegalStateException("could not describe " + topic + ": " + e.getCause(), e);
    }
  }
}
