package dev.opstream.watcher.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentObserved;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeFilterTest {

  private static final AppKey APP = new AppKey("eks", "shop", "web");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final DeploymentObserved base =
      state("uid-1", "10", 1, Map.of("opstream.dev/enabled", "true"), Map.of("app", "web"));

  @Test
  void publishesTheFirstStateSeen() {
    assertThat(ChangeFilter.isRelevantChange(null, base)).isTrue();
  }

  @Test
  void ignoresChangesOfResourceVersionGenerationAndTime() {
    DeploymentObserved scaled =
        state("uid-1", "11", 2, Map.of("opstream.dev/enabled", "true"), Map.of("app", "web"));

    assertThat(ChangeFilter.isRelevantChange(base, scaled)).isFalse();
  }

  @Test
  void ignoresAnnotationsOutsideOpstream() {
    DeploymentObserved rolledOut =
        state(
            "uid-1",
            "12",
            1,
            Map.of("opstream.dev/enabled", "true", "deployment.kubernetes.io/revision", "2"),
            Map.of("app", "web"));

    assertThat(ChangeFilter.isRelevantChange(base, rolledOut)).isFalse();
  }

  @Test
  void publishesAnAnnotationEditThoughTheGenerationStaysTheSame() {
    DeploymentObserved edited =
        state(
            "uid-1",
            "13",
            1,
            Map.of("opstream.dev/enabled", "true", "opstream.dev/backup-schedule", "@hourly"),
            Map.of("app", "web"));

    assertThat(ChangeFilter.isRelevantChange(base, edited)).isTrue();
  }

  @Test
  void publishesTheRemovalOfTheAnnotation() {
    DeploymentObserved removed = state("uid-1", "14", 1, Map.of(), Map.of("app", "web"));

    assertThat(ChangeFilter.isRelevantChange(base, removed)).isTrue();
  }

  @Test
  void publishesALabelChange() {
    DeploymentObserved relabelled =
        state("uid-1", "15", 1, Map.of("opstream.dev/enabled", "true"), Map.of("app", "shop"));

    assertThat(ChangeFilter.isRelevantChange(base, relabelled)).isTrue();
  }

  @Test
  void publishesARecreatedDeploymentWithTheSameContent() {
    DeploymentObserved recreated =
        state("uid-2", "16", 1, Map.of("opstream.dev/enabled", "true"), Map.of("app", "web"));

    assertThat(ChangeFilter.isRelevantChange(base, recreated)).isTrue();
  }

  private static DeploymentObserved state(
      String uid,
      String resourceVersion,
      long generation,
      Map<String, String> annotations,
      Map<String, String> labels) {
    return DeploymentObserved.of(
        APP,
        uid,
        resourceVersion,
        generation,
        annotations,
        labels,
        T0.plusSeconds(Long.parseLong(resourceVersion)));
  }
}
