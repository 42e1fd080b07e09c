package dev.opstream.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.TimerKind;
import dev.opstream.topics.serde.JsonSerde;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state the topology keeps in its store survives a round trip through the store's serde. */
class AppStateSerdeTest {

  private final JsonSerde<AppState> serde = JsonSerde.of(AppState.class);

  @Test
  void stateOfAnAppInEveryPartOfItsLifeReadsBackEqual() {
    AppHistory history = new AppHistory(PlanningPolicy.defaults());
    history.deploy(Map.of(Annotations.ENABLED, "true", Annotations.BACKUP_TIMEZONE, "Europe/Oslo"));
    assertRoundTrip(history.state());
    history.result(ActionKind.BUCKET, Outcome.CREATED);
    history.result(ActionKind.REDIS, Outcome.FAILED_RETRYABLE);
    assertRoundTrip(history.state());
    history.fire(TimerKind.RETRY);
    history.result(ActionKind.REDIS, Outcome.CREATED);
    history.result(ActionKind.CRONJOB, Outcome.CREATED);
    history.fire(TimerKind.DRIFT_CHECK);
    assertRoundTrip(history.state());
    history.held();
    assertRoundTrip(history.state());
    history.deleted(AppHistory.UID);
    assertRoundTrip(history.state());
  }

  private void assertRoundTrip(AppState state) {
    byte[] bytes = serde.serializer().serialize("planner-apps", state);
    assertThat(serde.deserializer().deserialize("planner-apps", bytes)).isEqualTo(state);
  }
}
