package dev.opstream.planner.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.Annotations;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredStateTest {

  private final DesiredStateParser parser = new DesiredStateParser(DesiredStateConfig.defaults());

  private final DesiredSpec enabledRetaining =
      ((ParseResult.Valid)
              parser.parse(
                  Map.of(
                      Annotations.ENABLED, "true",
                      Annotations.ON_DELETE, "Retain",
                      Annotations.BACKUP_RETENTION, "14")))
          .spec();

  @Test
  void validAnnotationsReplaceTheLastGoodSpec() {
    DesiredState state =
        parser.resolve(
            Optional.of(enabledRetaining),
            Map.of(Annotations.ENABLED, "true", Annotations.BACKUP_RETENTION, "3"));

    assertThat(state.source()).isEqualTo(DesiredState.Source.ANNOTATIONS);
    assertThat(state.spec()).get().extracting(DesiredSpec::backupRetention).isEqualTo(3);
    assertThat(state.hasErrors()).isFalse();
  }

  @Test
  void validDisablingIsTakenAtItsWord() {
    DesiredState state = parser.resolve(Optional.of(enabledRetaining), Map.of());

    assertThat(state.source()).isEqualTo(DesiredState.Source.ANNOTATIONS);
    assertThat(state.spec()).get().extracting(DesiredSpec::enabled).isEqualTo(false);
  }

  @Test
  void typoInEnabledKeepsTheAppEnabled() {
    DesiredState state =
        parser.resolve(Optional.of(enabledRetaining), Map.of(Annotations.ENABLED, "ture"));

    assertThat(state.spec()).contains(enabledRetaining);
    assertThat(state.source()).isEqualTo(DesiredState.Source.LAST_GOOD);
    assertThat(state.errors())
        .singleElement()
        .extracting(AnnotationError::annotation)
        .isEqualTo(Annotations.ENABLED);
  }

  @Test
  void typoInOnDeleteWhileDisablingTearsNothingDown() {
    DesiredState state =
        parser.resolve(
            Optional.of(enabledRetaining),
            Map.of(Annotations.ENABLED, "false", Annotations.ON_DELETE, "Retian"));

    assertThat(state.spec()).contains(enabledRetaining);
    assertThat(state.errors())
        .singleElement()
        .extracting(AnnotationError::annotation)
        .isEqualTo(Annotations.ON_DELETE);
  }

  @Test
  void invalidAnnotationsWithoutAnyGoodPastMeanNothingToDo() {
    DesiredState state = parser.resolve(Optional.empty(), Map.of(Annotations.ENABLED, "yes"));

    assertThat(state.spec()).isEmpty();
    assertThat(state.source()).isEqualTo(DesiredState.Source.NONE);
    assertThat(state.hasErrors()).isTrue();
  }

  @Test
  void nullLastGoodCountsAsNone() {
    DesiredState state = DesiredState.resolve(null, parser.parse(Map.of(Annotations.PAUSED, "?")));

    assertThat(state.source()).isEqualTo(DesiredState.Source.NONE);
  }

  @Test
  void warningsAreReportedWhicheverSpecIsInForce() {
    Map<String, String> invalid = Map.of(Annotations.ENABLED, "1", "opstream.dev/enable", "true");
    Map<String, String> valid = Map.of(Annotations.ENABLED, "true", "opstream.dev/enable", "x");

    assertThat(parser.resolve(Optional.of(enabledRetaining), invalid).warnings()).hasSize(1);
    assertThat(parser.resolve(Optional.empty(), valid).warnings()).hasSize(1);
  }
}
