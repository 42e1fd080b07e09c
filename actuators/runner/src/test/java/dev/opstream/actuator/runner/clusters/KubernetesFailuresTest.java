package dev.opstream.actuator.runner.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.ActuatorException.Reason;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesFailuresTest {

  @ParameterizedTest
  @CsvSource({
    "400, PERMANENT",
    "403, PERMANENT",
    "422, PERMANENT",
    "404, RETRYABLE",
    "409, RETRYABLE",
    "500, RETRYABLE",
    "0, RETRYABLE"
  })
  void apiErrorsAreClassifiedByStatus(int code, Reason reason) {
    ActuatorException failure =
        KubernetesFailures.of(
            "create Secret ns/x", new KubernetesClientException("refused", code, null));

    assertThat(failure.reason()).isEqualTo(reason);
    assertThat(failure.getMessage())
        .isEqualTo("create Secret ns/x failed (HTTP " + code + "): refused");
  }
}
