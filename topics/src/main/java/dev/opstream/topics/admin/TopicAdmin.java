package dev.opstream.topics.admin;

import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and verifies the catalogue's topics on a broker, idempotently.
 *
 * <p>{@link #create} creates missing topics, leaves existing ones in place and sets drifted configs
 * that are safe to change ({@code cleanup.policy}, {@code retention.ms}, {@code
 * min.insync.replicas}) back to the catalogue's. It never deletes a topic and never changes a
 * partition count (adding partitions moves keys and breaks per-app ordering) or a replication
 * factor: those differences are reported. {@link #verify} changes nothing and only reports. Every
 * broker call is bounded by the timeout.
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin a connected Kafka admin client; the caller closes it
   * @param timeout the limit for each broker call
   */
  public TopicAdmin(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Creates what is missing and fixes safe config drift; reports every topic. */
  public TopicReport create(TopicCatalogue catalogue) {
    return create(catalogue.specs());
  }

  /** Compares every topic with the catalogue; changes nothing. */
  public TopicReport verify(TopicCatalogue catalogue) {
    return verify(catalogue.specs());
  }

  /** {@link #create(TopicCatalogue)} for the given topics only. */
  public TopicReport create(List<TopicSpec> specs) {
    Set<String> existing = existingTopics();
    List<TopicSpec> missing = new ArrayList<>();
    List<TopicSpec> present = new ArrayList<>();
    for (TopicSpec spec : specs) {
      (existing.contains(spec.name()) ? present : missing).add(spec);
    }
    Map<String, TopicResult> results = new LinkedHashMap<>();
    List<TopicSpec> created = createTopics(missing, present);
    describe(created); // returns once the new topics are visible, so a verify right after sees them
    for (TopicSpec spec : created) {
      results.put(spec.name(), created(spec));
    }
    Map<String, Actual> actuals = describe(present);
    Map<ConfigResource, Collection<AlterConfigOp>> fixes = new LinkedHashMap<>();
    for (TopicSpec spec : present) {
      Actual actual = actuals.get(spec.name());
      List<String> changes = new ArrayList<>();
      List<AlterConfigOp> ops = new ArrayList<>();
      configDrift(spec, actual)
          .forEach(
              (key, value) -> {
                changes.add(key + ": " + value + " -> " + spec.configs().get(key));
                ops.add(
                    new AlterConfigOp(
                        new ConfigEntry(key, spec.configs().get(key)), AlterConfigOp.OpType.SET));
              });
      if (!ops.isEmpty()) {
        fixes.put(topicResource(spec.name()), ops);
      }
      List<String> differences = layoutDifferences(spec, actual);
      TopicOutcome outcome =
          !differences.isEmpty()
              ? TopicOutcome.DIFFERS
              : changes.isEmpty() ? TopicOutcome.UNCHANGED : TopicOutcome.CONFIG_UPDATED;
      results.put(spec.name(), new TopicResult(spec.name(), outcome, changes, differences));
    }
    if (!fixes.isEmpty()) {
      await(
          admin
              .incrementalAlterConfigs(fixes, new AlterConfigsOptions().timeoutMs(timeoutMs()))
              .all(),
          "set configs of " + fixes.keySet());
      awaitConfigs(present);
    }
    TopicReport report = orderedReport(specs, results);
    log(report);
    return report;
  }

  /** {@link #verify(TopicCatalogue)} for the given topics only. */
  public TopicReport verify(List<TopicSpec> specs) {
    Set<String> existing = existingTopics();
    List<TopicSpec> present =
        specs.stream().filter(spec -> existing.contains(spec.name())).toList();
    Map<String, Actual> actuals = describe(present);
    Map<String, TopicResult> results = new LinkedHashMap<>();
    for (TopicSpec spec : specs) {
      Actual actual = actuals.get(spec.name());
      if (actual == null) {
        results.put(
            spec.name(),
            new TopicResult(
                spec.name(), TopicOutcome.MISSING, List.of(), List.of("topic does not exist")));
        continue;
      }
      List<String> differences = new ArrayList<>();
      configDrift(spec, actual)
          .forEach(
              (key, value) ->
                  differences.add(
                      key + " is " + value + ", catalogue wants " + spec.configs().get(key)));
      differences.addAll(layoutDifferences(spec, actual));
      results.put(
          spec.name(),
          new TopicResult(
              spec.name(),
              differences.isEmpty() ? TopicOutcome.UNCHANGED : TopicOutcome.DIFFERS,
              List.of(),
              differences));
    }
    TopicReport report = orderedReport(specs, results);
    log(report);
    return report;
  }

  /**
   * Waits (within the timeout) until the broker shows the configs just set, so that a verify or a
   * second create right after reports them as they are now.
   */
  private void awaitConfigs(List<TopicSpec> specs) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Actual> actuals = describe(specs);
      boolean visible =
          specs.stream().allMatch(spec -> configDrift(spec, actuals.get(spec.name())).isEmpty());
      if (visible) {
        return;
      }
      if (System.nanoTime() > deadline) {
        LOG.warn("The broker does not show the configs just set after {}", timeout);
        return;
      }
      pause();
    }
  }

  /** Creates {@code missing}; a topic someone else created meanwhile moves to {@code present}. */
  private List<TopicSpec> createTopics(List<TopicSpec> missing, List<TopicSpec> present) {
    if (missing.isEmpty()) {
      return List.of();
    }
    List<NewTopic> newTopics =
        missing.stream()
            .map(
                spec ->
                    new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                        .configs(spec.configs()))
            .toList();
    Map<String, KafkaFuture<Void>> futures =
        admin.createTopics(newTopics, new CreateTopicsOptions().timeoutMs(timeoutMs())).values();
    List<TopicSpec> created = new ArrayList<>();
    for (TopicSpec spec : missing) {
      try {
        await(futures.get(spec.name()), "create topic " + spec.name());
        created.add(spec);
      } catch (TopicAdminException e) {
        if (e.getCause() instanceof TopicExistsException) {
          LOG.info("Topic {} was created by someone else meanwhile; comparing it", spec.name());
          present.add(spec);
        } else {
          throw e;
        }
      }
    }
    return created;
  }

  private Set<String> existingTopics() {
    Collection<TopicListing> listings =
        await(
            admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs())).listings(),
            "list topics");
    Set<String> names = new TreeSet<>();
    listings.forEach(listing -> names.add(listing.name()));
    return names;
  }

  /**
   * Describes the topics, waiting (within the timeout) for ones the broker's metadata does not show
   * yet: a topic just created, by us or someone else, takes a moment to appear.
   */
  private Map<String, Actual> describe(List<TopicSpec> specs) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return describeOnce(specs);
      } catch (TopicAdminException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        LOG.debug("Waiting for the broker to show new topics: {}", e.getMessage());
        pause();
      }
    }
  }

  private Map<String, Actual> describeOnce(List<TopicSpec> specs) {
    if (specs.isEmpty()) {
      return Map.of();
    }
    List<String> names = specs.stream().map(TopicSpec::name).toList();
    Map<String, TopicDescription> descriptions =
        await(
            admin
                .describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                .allTopicNames(),
            "describe topics " + names);
    Map<ConfigResource, Config> configs =
        await(
            admin
                .describeConfigs(
                    names.stream().map(TopicAdmin::topicResource).toList(),
                    new DescribeConfigsOptions().timeoutMs(timeoutMs()))
                .all(),
            "describe configs of " + names);
    Map<String, Actual> actuals = new LinkedHashMap<>();
    for (String name : names) {
      List<TopicPartitionInfo> partitions = descriptions.get(name).partitions();
      int replicas = partitions.stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
      actuals.put(name, new Actual(partitions.size(), replicas, configs.get(topicResource(name))));
    }
    return actuals;
  }

  /** The owned configs whose value differs, with the broker's value ("(none)" when unset). */
  private static Map<String, String> configDrift(TopicSpec spec, Actual actual) {
    Map<String, String> drift = new LinkedHashMap<>();
    spec.configs()
        .forEach(
            (key, wanted) -> {
              ConfigEntry entry = actual.configs().get(key);
              String value = entry == null ? null : entry.value();
              if (!sameValue(key, wanted, value)) {
                drift.put(key, value == null ? "(none)" : value);
              }
            });
    return drift;
  }

  private static boolean sameValue(String key, String wanted, String actual) {
    if (actual == null) {
      return false;
    }
    if (key.equals(TopicConfig.CLEANUP_POLICY_CONFIG)) {
      return policies(wanted).equals(policies(actual));
    }
    return wanted.trim().equals(actual.trim());
  }

  private static Set<String> policies(String value) {
    Set<String> policies = new TreeSet<>();
    Arrays.stream(value.split(",")).map(String::trim).forEach(policies::add);
    return policies;
  }

  /** Differences that create never fixes: partition count and replication factor. */
  private static List<String> layoutDifferences(TopicSpec spec, Actual actual) {
    List<String> differences = new ArrayList<>();
    if (actual.partitions() != spec.partitions()) {
      differences.add(
          "partitions is "
              + actual.partitions()
              + ", catalogue wants "
              + spec.partitions()
              + " (never changed: keys would move to other partitions)");
    }
    if (actual.replicationFactor() != spec.replicationFactor()) {
      differences.add(
          "replication factor is "
              + actual.replicationFactor()
              + ", catalogue wants "
              + spec.replicationFactor()
              + " (change it with a partition reassignment)");
    }
    return differences;
  }

  private static TopicResult created(TopicSpec spec) {
    String description =
        "created with "
            + spec.partitions()
            + " partitions, replication factor "
            + spec.replicationFactor()
            + ", "
            + spec.configs();
    return new TopicResult(spec.name(), TopicOutcome.CREATED, List.of(description), List.of());
  }

  private static TopicReport orderedReport(
      List<TopicSpec> specs, Map<String, TopicResult> results) {
    return new TopicReport(specs.stream().map(spec -> results.get(spec.name())).toList());
  }

  private static void log(TopicReport report) {
    for (TopicResult result : report.topics()) {
      switch (result.outcome()) {
        case UNCHANGED -> LOG.debug("{}", result.describe());
        case CREATED, CONFIG_UPDATED -> LOG.info("{}", result.describe());
        case DIFFERS, MISSING -> LOG.warn("{}", result.describe());
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicAdminException("interrupted waiting for new topics", e);
    }
  }

  private static ConfigResource topicResource(String name) {
    return new ConfigResource(ConfigResource.Type.TOPIC, name);
  }

  private int timeoutMs() {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      // The request carries the same timeout; the extra second lets the client report it first.
      return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TopicAdminException("timed out after " + timeout + " trying to " + what, e);
    } catch (ExecutionException e) {
      throw new TopicAdminException(
          "could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicAdminException("interrupted trying to " + what, e);
    }
  }

  private record Actual(int partitions, int replicationFactor, Config configs) {}
}
