package dev.opstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.CleanupPolicy;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.TopicSpec;
import dev.opstream.topics.Topics;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicAdminIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Admin admin;
  private TopicAdmin topicAdmin;

  @BeforeEach
  void connect(KafkaBroker broker) {
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    topicAdmin = new TopicAdmin(admin, TIMEOUT);
  }

  @AfterEach
  void disconnect() {
    admin.close(Duration.ofSeconds(5));
  }

  @Test
  void secondCreateOfTheWholeCatalogueChangesNothing() throws Exception {
    TopicCatalogue catalogue = TopicCatalogue.of(CatalogueConfig.local());

    TopicReport first = topicAdmin.create(catalogue);
    TopicReport second = topicAdmin.create(catalogue);

    assertThat(first.matchesCatalogue()).as(first.describe()).isTrue();
    assertThat(first.topics())
        .extracting(TopicResult::outcome)
        .allMatch(outcome -> outcome == TopicOutcome.CREATED || outcome == TopicOutcome.UNCHANGED);
    assertThat(second.topics())
        .extracting(TopicResult::outcome)
        .containsOnly(TopicOutcome.UNCHANGED)
        .hasSize(Topics.all().size());
    assertThat(second.changedAnything()).isFalse();
    assertThat(second.describe()).contains("nothing changed");
    assertThat(topicAdmin.verify(catalogue).matchesCatalogue()).isTrue();
    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
        .containsAll(catalogue.specs().stream().map(TopicSpec::name).toList());
    assertThat(configOf("opstream.status", "cleanup.policy")).isEqualTo("compact");
    assertThat(configOf("opstream.deployments", "retention.ms")).isEqualTo("-1");
  }

  @Test
  void createMakesMissingTopicsAsSpecified() throws Exception {
    TopicSpec spec = spec(CleanupPolicy.DELETE, 4, Duration.ofDays(3).toMillis());

    TopicReport report = topicAdmin.create(List.of(spec));

    assertThat(report.topic(spec.name()).orElseThrow().outcome()).isEqualTo(TopicOutcome.CREATED);
    assertThat(report.changedAnything()).isTrue();
    assertThat(partitionsOf(spec.name())).isEqualTo(4);
    assertThat(configOf(spec.name(), "retention.ms")).isEqualTo("259200000");
    assertThat(configOf(spec.name(), "cleanup.policy")).isEqualTo("delete");
  }

  @Test
  void verifyReportsConfigDriftAndCreateSetsItBack() throws Exception {
    TopicSpec spec = spec(CleanupPolicy.DELETE, 2, -1);
    topicAdmin.create(List.of(spec));
    setByHand(spec.name(), Map.of("retention.ms", "3600000", "cleanup.policy", "compact"));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(configOf(spec.name(), "retention.ms")).isEqualTo("3600000"));

    TopicReport verified = topicAdmin.verify(List.of(spec));

    TopicResult drift = verified.topic(spec.name()).orElseThrow();
    assertThat(drift.outcome()).isEqualTo(TopicOutcome.DIFFERS);
    assertThat(drift.differences())
        .containsExactlyInAnyOrder(
            "cleanup.policy is compact, catalogue wants delete",
            "retention.ms is 3600000, catalogue wants -1");
    assertThat(configOf(spec.name(), "retention.ms"))
        .as("verify changes nothing")
        .isEqualTo("3600000");

    TopicReport fixed = topicAdmin.create(List.of(spec));

    assertThat(fixed.topic(spec.name()).orElseThrow())
        .isEqualTo(
            new TopicResult(
                spec.name(),
                TopicOutcome.CONFIG_UPDATED,
                List.of("cleanup.policy: compact -> delete", "retention.ms: 3600000 -> -1"),
                List.of()));
    assertThat(configOf(spec.name(), "retention.ms")).isEqualTo("-1");
    assertThat(configOf(spec.name(), "cleanup.policy")).isEqualTo("delete");
    assertThat(topicAdmin.verify(List.of(spec)).topic(spec.name()).orElseThrow().outcome())
        .isEqualTo(TopicOutcome.UNCHANGED);
  }

  @Test
  void topicWithFewerPartitionsIsReportedNotChanged() throws Exception {
    TopicSpec spec = spec(CleanupPolicy.DELETE, 12, -1);
    admin
        .createTopics(List.of(new NewTopic(spec.name(), 3, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);

    TopicReport created = topicAdmin.create(List.of(spec));

    TopicResult result = created.topic(spec.name()).orElseThrow();
    assertThat(result.outcome()).isEqualTo(TopicOutcome.DIFFERS);
    assertThat(result.differences())
        .singleElement(STRING)
        .startsWith("partitions is 3, catalogue wants 12");
    assertThat(result.changes())
        .as("the safe configs are still set: the broker's default retention is not -1")
        .anySatisfy(change -> assertThat(change).startsWith("retention.ms: ").endsWith(" -> -1"));
    assertThat(created.matchesCatalogue()).isFalse();
    assertThat(partitionsOf(spec.name())).isEqualTo(3);
    assertThat(topicAdmin.verify(List.of(spec)).topic(spec.name()).orElseThrow().differences())
        .singleElement(STRING)
        .startsWith("partitions is 3");
  }

  @Test
  void verifyReportsMissingTopicsAndCreatesNothing() throws Exception {
    TopicSpec spec = spec(CleanupPolicy.COMPACT, 1, -1);

    TopicReport report = topicAdmin.verify(List.of(spec));

    assertThat(report.topic(spec.name()).orElseThrow().outcome()).isEqualTo(TopicOutcome.MISSING);
    assertThat(report.matchesCatalogue()).isFalse();
    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(spec.name());
  }

  @Test
  void replicationFactorTheClusterCannotHaveIsAClearError() {
    TopicSpec spec =
        new TopicSpec("rf3-" + UUID.randomUUID(), 1, (short) 3, CleanupPolicy.DELETE, -1, 2);

    assertThatThrownBy(() -> topicAdmin.create(List.of(spec)))
        .isInstanceOf(TopicAdminException.class)
        .hasMessageContaining(spec.name())
        .hasMessageContaining("replication factor");
  }

  @Test
  void unreachableBrokerFailsWithinTheTimeoutInsteadOfHanging() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Admin nowhere =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + closedPort,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                "200"))) {
      TopicAdmin unreachable = new TopicAdmin(nowhere, Duration.ofSeconds(2));

      assertThatThrownBy(() -> unreachable.verify(TopicCatalogue.of(CatalogueConfig.local())))
          .isInstanceOf(TopicAdminException.class)
          .hasMessageContaining("list topics");
    }
  }

  private static TopicSpec spec(CleanupPolicy cleanup, int partitions, long retentionMs) {
    return new TopicSpec("it-" + UUID.randomUUID(), partitions, (short) 1, cleanup, retentionMs, 1);
  }

  private void setByHand(String topic, Map<String, String> configs) throws Exception {
    admin
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, topic),
                configs.entrySet().stream()
                    .map(
                        entry ->
                            new AlterConfigOp(
                                new ConfigEntry(entry.getKey(), entry.getValue()),
                                AlterConfigOp.OpType.SET))
                    .toList()))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private String configOf(String topic, String key) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(Set.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource)
        .get(key)
        .value();
  }

  private int partitionsOf(String topic) throws Exception {
    return admin
        .describeTopics(Set.of(topic))
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .size();
  }
}
