package dev.opstream.actuator.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BucketConfigTest {

  @Test
  void withoutEnvironmentItIsAwsInUsEast1WithTheDefaultCredentialChain() {
    BucketConfig config = BucketConfig.fromEnv(Map.of());

    assertThat(config.endpoint()).isEmpty();
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.pathStyle()).isFalse();
    assertThat(config.credentials()).isEmpty();
    assertThat(config.versioning()).isFalse();
    assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anEndpointTurnsPathStyleOnUnlessTold() {
    BucketConfig local =
        BucketConfig.fromEnv(
            Map.of("S3_ENDPOINT", "http://127.0.0.1:9000", "AWS_DEFAULT_REGION", "eu-west-1"));
    BucketConfig virtualHosted =
        BucketConfig.fromEnv(
            Map.of("S3_ENDPOINT", "https://s3.example.com", "S3_PATH_STYLE", "false"));

    assertThat(local.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(local.region()).isEqualTo("eu-west-1");
    assertThat(local.pathStyle()).isTrue();
    assertThat(virtualHosted.pathStyle()).isFalse();
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> BucketConfig.fromEnv(Map.of("OPSTREAM_BUCKET_VERSIONING", "yes")))
        .hasMessageContaining("OPSTREAM_BUCKET_VERSIONING");
    assertThatThrownBy(() -> BucketConfig.fromEnv(Map.of("OPSTREAM_BUCKET_CALL_TIMEOUT", "30")))
        .hasMessageContaining("OPSTREAM_BUCKET_CALL_TIMEOUT");
  }

  @Test
  void theSecretIsNeverPrinted() {
    BucketConfig config =
        new BucketConfig(
            Optional.empty(),
            "us-east-1",
            false,
            Optional.of(new BucketConfig.S3Credentials("AKIA", "very-secret")),
            false,
            Duration.ofSeconds(1));

    assertThat(config.toString()).contains("AKIA").doesNotContain("very-secret");
  }
}
