package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.actuator.runner.ActuatorException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmFailuresTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rendered manifests contain a resource that already exists. Unable to continue with"
            + " install: Service \"x\" in namespace \"y\" exists and cannot be imported into the"
            + " current release: invalid ownership metadata | PERMANENT",
        "values don't meet the specifications of the schema(s) | PERMANENT",
        "cannot patch \"x\" with kind StatefulSet: StatefulSet.apps \"x\" is invalid: spec:"
            + " Forbidden: updates to statefulset spec for fields other than 'replicas' are"
            + " forbidden | PERMANENT",
        "Kubernetes cluster unreachable: connection refused | RETRYABLE",
        "another operation (install/upgrade/rollback) is in progress | RETRYABLE",
        "context deadline exceeded | RETRYABLE"
      })
  void helmErrorsThatRetryingCannotFixArePermanent(String message, Reason reason) {
    assertThat(HelmFailures.of("upgrade --install", "ns/x", new IllegalStateException(message)))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage())
                  .startsWith("Helm upgrade --install of release ns/x failed: ");
            });
  }
}
