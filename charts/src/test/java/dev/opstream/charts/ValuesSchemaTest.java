package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code values.schema.json}: Helm refuses wrong values before rendering anything. */
class ValuesSchemaTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "actuators.redis.replicas; -1; replicas",
        "actuators.redis.replica; 3; replica",
        "actuators.bucket.actionTimeout; 2m; actionTimeout",
        "actuators.cronjob.concurrency; 0; concurrency",
        "planner.kind; DaemonSet; kind",
        "planner.deletionGuardShare; 1.5; deletionGuardShare",
        "planner.gracePeriod; 24h; gracePeriod",
        "planner.bucketPrefix; Opstream_Buckets; bucketPrefix",
        "watcher.resyncPeriod; often; resyncPeriod",
        "watcher.namespaces[0]; Shop; namespaces",
        "kafka.securityProtocol; TLS; securityProtocol",
        "kafka.bootstrapServers; kafka-without-port; bootstrapServers",
        "kafka.sasl.mechanism; GSSAPI-PLEASE; mechanism",
        "kafka.sasl.password; hunter2; password",
        "kafka.config.sasl\\.jaas\\.config; inline; sasl.jaas.config",
        "kafka.config.ssl\\.truststore\\.password; inline; ssl.truststore.password",
        "s3.accessKey; AKIA123; accessKey",
        "s3.endpoint; minio:9000; endpoint",
        "clusterName; EKS_1; clusterName",
        "topics.partitions; 0; partitions",
        "actuators.redis.settings.maxmemoryPolicy; lru-please; maxmemoryPolicy",
        "actuators.redis.settings.maxmemoryPercent; 99; maxmemoryPercent",
        "image.pullPolicy; Sometimes; pullPolicy",
        "httpPort; 70000; httpPort",
      })
  void refusesAWrongValue(String name, String value, String named) {
    assertThatThrownBy(() -> OpstreamChart.withRequiredValues().set(name, value).template())
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(named);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "actuators.redis.actionTimeout; PT5M",
        "planner.gracePeriod; PT0S",
        "planner.gracePeriod; P2D",
        "watcher.resyncPeriod; PT10M",
        "watcher.resyncPeriod; 90s",
        "kafka.bootstrapServers; a:9092,b:9093",
        "actuators.redis.settings.helmTimeout; 180",
      })
  void acceptsAWellFormedValue(String name, String value) {
    assertThatCode(() -> OpstreamChart.withRequiredValues().set(name, value).template())
        .doesNotThrowAnyException();
  }

  @org.junit.jupiter.api.Test
  void refusesBothAutoscalersOnOneKind() {
    assertThatThrownBy(
            () ->
                OpstreamChart.withRequiredValues()
                    .set("actuators.redis.autoscaling.enabled", true)
                    .set("actuators.redis.keda.enabled", true)
                    .template())
        .hasMessageContaining("actuators.redis: autoscaling and keda both scale the Deployment");
  }
}
