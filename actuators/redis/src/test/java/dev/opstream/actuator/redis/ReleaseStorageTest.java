package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ReleaseStorageTest {

  private static final String RELEASE_JSON =
      """
      {"name":"cart-redis","version":3,"namespace":"shop",
       "info":{"status":"deployed","last_deployed":"2026-11-22T03:46:18.47Z"},
       "chart":{"metadata":{"name":"opstream-redis","version":"0.1.0"}},
       "config":{"resources":{"memory":"256Mi"},
                 "opstream":{"managedBy":"opstream","valuesDigest":"sha256:abc"}}}
      """;

  @Test
  void decodesWhatHelmStores() throws Exception {
    StoredRelease release = ReleaseStorage.decode(helmRecord(RELEASE_JSON, "1795319178"));

    assertThat(release.secretName()).isEqualTo("sh.helm.release.v1.cart-redis.v3");
    assertThat(release.revision()).isEqualTo(3);
    assertThat(release.status()).isEqualTo("deployed");
    assertThat(release.chartName()).isEqualTo("opstream-redis");
    assertThat(release.chartVersion()).isEqualTo("0.1.0");
    assertThat(release.memory()).contains("256Mi");
    assertThat(release.valuesDigest()).contains("sha256:abc");
    assertThat(release.managedByOpstream()).isTrue();
    assertThat(release.pending()).isFalse();
    assertThat(release.modifiedAt()).isEqualTo(Instant.ofEpochSecond(1795319178));
  }

  @Test
  void fallsBackToTheLastDeploymentTimeWithoutAModifiedAtLabel() throws Exception {
    StoredRelease release = ReleaseStorage.decode(helmRecord(RELEASE_JSON, null));

    assertThat(release.modifiedAt()).isEqualTo(Instant.parse("2026-11-22T03:46:18.47Z"));
  }

  @Test
  void encodeIsTheInverseOfDecode() throws Exception {
    ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(RELEASE_JSON);
    payload.withObjectProperty("info").put("status", "pending-upgrade");
    Secret record = helmRecord(RELEASE_JSON, "1");
    record.getData().put("release", ReleaseStorage.encode(payload));

    assertThat(ReleaseStorage.payload(record)).isEqualTo(payload);
    assertThat(ReleaseStorage.decode(record).pending()).isTrue();
  }

  @Test
  void aReleaseWithoutOpstreamsMarkIsNotOpstreams() throws Exception {
    String foreign =
        RELEASE_JSON.replace("\"managedBy\":\"opstream\"", "\"managedBy\":\"someone\"");

    assertThat(ReleaseStorage.decode(helmRecord(foreign, "1")).managedByOpstream()).isFalse();
  }

  /** A storage Secret as Helm 3 writes it: base64 (of the API) of base64 of gzip of JSON. */
  private static Secret helmRecord(String json, String modifiedAt) throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(json.getBytes(StandardCharsets.UTF_8));
    }
    String helm = Base64.getEncoder().encodeToString(zipped.toByteArray());
    Map<String, String> labels =
        new java.util.HashMap<>(
            Map.of("owner", "helm", "name", "cart-redis", "status", "deployed", "version", "3"));
    if (modifiedAt != null) {
      labels.put("modifiedAt", modifiedAt);
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName("sh.helm.release.v1.cart-redis.v3")
        .withLabels(labels)
        .endMetadata()
        .withType("helm.sh/release.v1")
        .withData(
            new java.util.HashMap<>(
                Map.of(
                    "release",
                    Base64.getEncoder().encodeToString(helm.getBytes(StandardCharsets.US_ASCII)))))
        .build();
  }
}
