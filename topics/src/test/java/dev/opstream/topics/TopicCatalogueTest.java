package dev.opstream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.records.ActionKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

  @Test
  void catalogueHasEveryTopicOfTheArchitecture() {
    TopicCatalogue catalogue = TopicCatalogue.of(CatalogueConfig.production());

    assertThat(catalogue.specs())
        .extracting(TopicSpec::name)
        .containsExactly(
            "opstream.deployments",
            "opstream.actions.bucket",
            "opstream.actions.redis",
            "opstream.actions.cronjob",
            "opstream.results",
            "opstream.timers",
            "opstream.status",
            "opstream.dlq",
            "opstream.plan",
            "opstream.plan.timers",
            "opstream.plan.status");
  }

  @Test
  void auditTopicsKeepRecordsForeverStatusIsCompactedDlqExpires() {
    TopicCatalogue catalogue = TopicCatalogue.of(CatalogueConfig.production());

    assertThat(catalogue.spec(Topics.DEPLOYMENTS).configs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "-1")
        .containsEntry("min.insync.replicas", "2");
    assertThat(catalogue.spec(Topics.STATUS).configs())
        .containsEntry("cleanup.policy", "compact")
        .doesNotContainKey("retention.ms");
    assertThat(catalogue.spec(Topics.PLAN_STATUS).configs())
        .containsEntry("cleanup.policy", "compact");
    assertThat(catalogue.spec(Topics.PLAN).configs()).containsEntry("retention.ms", "-1");
    assertThat(catalogue.spec(Topics.DLQ).configs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
  }

  @Test
  void everyTopicSharesThePartitionCountSoThePlannersInputsAreCoPartitioned() {
    TopicCatalogue catalogue = TopicCatalogue.of(CatalogueConfig.local());

    assertThat(catalogue.specs())
        .allSatisfy(
            spec -> {
              assertThat(spec.partitions()).isEqualTo(12);
              assertThat(spec.replicationFactor()).isEqualTo((short) 1);
              assertThat(spec.minInsyncReplicas()).isEqualTo(1);
            });
  }

  @Test
  void eachActionKindHasItsOwnTopic() {
    assertThat(ActionKind.BUCKET.topic()).isSameAs(Topics.ACTIONS_BUCKET);
    assertThat(ActionKind.REDIS.topic().name()).isEqualTo("opstream.actions.redis");
    assertThat(ActionKind.CRONJOB.topic().name()).isEqualTo("opstream.actions.cronjob");
  }

  @Test
  void configFromEnvironmentOverridesProductionDefaults() {
    CatalogueConfig config =
        CatalogueConfig.fromEnv(
            Map.of(
                CatalogueConfig.ENV_PARTITIONS, "6",
                CatalogueConfig.ENV_REPLICATION_FACTOR, "1",
                CatalogueConfig.ENV_AUDIT_RETENTION_DAYS, "90"));

    assertThat(config).isEqualTo(new CatalogueConfig(6, (short) 1, 1, 90, 30));
    assertThat(config.auditRetentionMs()).isEqualTo(90L * 24 * 3600 * 1000);
    assertThat(CatalogueConfig.fromEnv(Map.of())).isEqualTo(CatalogueConfig.production());
  }

  @Test
  void badConfigIsRejectedWithTheVariableOrRuleNamed() {
    assertThatThrownBy(() -> CatalogueConfig.fromEnv(Map.of(CatalogueConfig.ENV_PARTITIONS, "x")))
        .hasMessageContaining(CatalogueConfig.ENV_PARTITIONS);
    assertThatThrownBy(() -> new CatalogueConfig(12, (short) 1, 2, -1, 30))
        .hasMessageContaining("min.insync.replicas");
    assertThatThrownBy(() -> new CatalogueConfig(12, (short) 3, 2, 0, 30))
        .hasMessageContaining("forever");
  }
}
