package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart renders no Secret and no secret value: it only names Secrets that exist already. */
class NoInlineSecretsTest {

  private static final Pattern SECRET_LIKE =
      Pattern.compile("(?i).*(password|secret|token|credential|jaas|access_key).*");

  @Test
  void noObjectIsASecretAndNoLiteralEnvironmentValueIsOne() {
    Rendered rendered =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .set("s3.credentialsSecret", "opstream-s3")
            .withHooks()
            .render();

    for (HasMetadata object : rendered.objects()) {
      assertThat(object).isNotInstanceOf(Secret.class);
    }
    for (Rendered.Workload workload : rendered.workloads()) {
      for (EnvVar env : workload.container().getEnv()) {
        if (env.getValue() != null) {
          boolean namesASecret = env.getName().equals("OPSTREAM_BACKUP_S3_SECRET");
          assertThat(namesASecret || !SECRET_LIKE.matcher(env.getName()).matches())
              .as("%s has a literal %s", workload.name(), env.getName())
              .isTrue();
        } else if (SECRET_LIKE.matcher(env.getName()).matches()) {
          assertThat(env.getValueFrom().getSecretKeyRef())
              .as("%s takes %s from a Secret", workload.name(), env.getName())
              .isNotNull();
        }
      }
    }
    assertThat(
            rendered
                .one(
                    io.fabric8.kubernetes.api.model.apps.Deployment.class,
                    "opstream-actuator-bucket")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .filteredOn(e -> e.getName().startsWith("AWS_"))
        .extracting(e -> e.getValueFrom().getSecretKeyRef().getName())
        .containsExactly("opstream-s3", "opstream-s3");
  }

  @Test
  void theKafkaSettingsReferToSecretsAndHoldNone() {
    Rendered rendered =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .set("kafka.tls.truststoreType", "PKCS12")
            .set("kafka.tls.truststoreKey", "truststore.p12")
            .set("kafka.tls.truststorePasswordKey", "truststore.password")
            .render();

    String text =
        rendered.one(ConfigMap.class, "opstream-kafka").getData().get("client.properties");
    text.lines()
        .filter(line -> SECRET_LIKE.matcher(line.split("=", 2)[0]).matches())
        .forEach(
            line ->
                assertThat(line.split("=", 2)[1])
                    .as(line)
                    .matches("(?s).*\\$\\{dir:/etc/opstream/kafka-(sasl|tls/truststore):[^}]+}.*"));
    assertThat(text)
        .contains(
            "ssl.truststore.password=${dir:/etc/opstream/kafka-tls/truststore:truststore.password}");
  }
}
