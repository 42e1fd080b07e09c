package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client properties the chart writes for TLS and SASL, read by Kafka's own client config: the
 * credentials come from the mounted Secrets through Kafka's DirectoryConfigProvider.
 */
class KafkaClientSettingsTest {

  @Test
  void saslAndTlsCredentialsAreReadFromTheMountedSecretsByKafkasConfigProvider(@TempDir Path dir)
      throws Exception {
    Rendered rendered =
        OpstreamChart.withNoValues().values("src/test/resources/scaled-values.yaml").render();
    String text =
        rendered.one(ConfigMap.class, "opstream-kafka").getData().get("client.properties");
    assertThat(text).doesNotContain("s3cret");

    // What Kubernetes would mount: the SASL Secret's keys and the CA as files.
    Path sasl = Files.createDirectories(dir.resolve("kafka-sasl"));
    Files.writeString(sasl.resolve("username"), "opstream");
    Files.writeString(sasl.resolve("password"), "s3cret");
    Path truststore = Files.createDirectories(dir.resolve("kafka-tls/truststore"));
    Files.writeString(truststore.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    Properties properties = new Properties();
    properties.load(new StringReader(text.replace("/etc/opstream/", dir.toAbsolutePath() + "/")));
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "kafka-0.kafka:9093");

    AdminClientConfig config = new AdminClientConfig(properties);

    assertThat(config.getString(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG))
        .isEqualTo("SASL_SSL");
    assertThat(config.getString(SaslConfigs.SASL_MECHANISM)).isEqualTo("SCRAM-SHA-512");
    assertThat(config.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value())
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"opstream\" password=\"s3cret\";");
    assertThat(config.getString(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG)).isEqualTo("PEM");
    assertThat(config.getString(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG))
        .isEqualTo(truststore.resolve("ca.crt").toString());
    assertThat(config.originals()).containsEntry("client.dns.lookup", "use_all_dns_ips");
  }

  @Test
  void everyStageMountsTheSecretsWhereThePropertiesLookForThem() {
    Rendered rendered =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .withHooks()
            .render();

    for (Rendered.Workload workload : rendered.workloads()) {
      Container container = workload.container();
      Map<String, String> mounts =
          container.getVolumeMounts().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      VolumeMount::getName, VolumeMount::getMountPath));
      assertThat(mounts)
          .as(workload.name())
          .containsEntry("kafka-config", "/etc/opstream/kafka")
          .containsEntry("kafka-truststore", "/etc/opstream/kafka-tls/truststore")
          .containsEntry("kafka-sasl", "/etc/opstream/kafka-sasl");
      assertThat(container.getArgs())
          .containsSequence("--command-config", "/etc/opstream/kafka/client.properties")
          .containsSequence("--bootstrap-servers", "kafka-0.kafka:9093,kafka-1.kafka:9093");
      Map<String, String> secrets =
          workload.template().getSpec().getVolumes().stream()
              .filter(v -> v.getSecret() != null)
              .collect(
                  java.util.stream.Collectors.toMap(
                      v -> v.getName(), v -> v.getSecret().getSecretName()));
      assertThat(secrets)
          .containsEntry("kafka-truststore", "kafka-cluster-ca-cert")
          .containsEntry("kafka-sasl", "opstream-kafka-user");
    }
  }

  @Test
  void plaintextNeedsNoSecretAtAll() {
    Rendered rendered = OpstreamChart.withRequiredValues().render();

    String text =
        rendered.one(ConfigMap.class, "opstream-kafka").getData().get("client.properties");
    assertThat(text).contains("security.protocol=PLAINTEXT").doesNotContain("sasl.", "ssl.");
    for (Rendered.Workload workload : rendered.workloads()) {
      assertThat(workload.template().getSpec().getVolumes())
          .noneSatisfy(v -> assertThat(v.getName()).startsWith("kafka-sasl"));
    }
  }
}
