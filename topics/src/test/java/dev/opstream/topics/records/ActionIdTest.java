package dev.opstream.topics.records;

import static dev.opstream.topics.testing.RecordSamples.APP;
import static dev.opstream.topics.testing.RecordSamples.BUCKET;
import static dev.opstream.topics.testing.RecordSamples.CAUSE;
import static dev.opstream.topics.testing.RecordSamples.CRONJOB;
import static dev.opstream.topics.testing.RecordSamples.UID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionIdTest {

  @Test
  void sameDecisionGivesTheSameIdEveryTime() {
    String first = EnsureBucket.of(APP, UID, BUCKET, CAUSE, "one reason").actionId();
    String second =
        EnsureBucket.of(
                AppKey.parse(APP.toString()),
                UID,
                new BucketSpec(BUCKET.name(), OnDelete.DELETE),
                "another cause",
                "another reason")
            .actionId();

    assertThat(first).isEqualTo(second).hasSize(ActionId.LENGTH).matches("[0-9a-f]{32}");
  }

  @Test
  void specRecordAndAMapOfTheSameFieldsGiveTheSameId() {
    assertThat(ActionId.of(APP, UID, ActionType.ENSURE_BUCKET, BUCKET))
        .isEqualTo(
            ActionId.of(
                APP,
                UID,
                ActionType.ENSURE_BUCKET,
                Map.of("onDelete", "DELETE", "name", BUCKET.name())));
  }

  @Test
  void idStaysTheSameAcrossReleases() {
    // A changed hash input would make every planner re-emit every action after an upgrade.
    assertThat(ActionId.of(APP, UID, ActionType.ENSURE_BUCKET, BUCKET))
        .isEqualTo("8713b14453c5db4d24b0b85a75dcab77");
  }

  @Test
  void attemptIsNotPartOfTheId() {
    EnsureBucket first = EnsureBucket.of(APP, UID, BUCKET, CAUSE, "r");
    EnsureBucket retry = first.withAttempt(4);

    assertThat(retry.attempt()).isEqualTo(4);
    assertThat(retry.actionId()).isEqualTo(first.actionId());
  }

  @Test
  void changedSpecGivesAnotherId() {
    String delete = EnsureBucket.of(APP, UID, BUCKET, CAUSE, "r").actionId();
    String retain =
        EnsureBucket.of(APP, UID, new BucketSpec(BUCKET.name(), OnDelete.RETAIN), CAUSE, "r")
            .actionId();
    String otherSchedule =
        EnsureBackupCronJob.of(
                APP,
                UID,
                new BackupCronJobSpec(
                    CRONJOB.name(), "0 3 * * *", null, 7, CRONJOB.bucket(), CRONJOB.release()),
                CAUSE,
                "r")
            .actionId();

    assertThat(retain).isNotEqualTo(delete);
    assertThat(otherSchedule)
        .isNotEqualTo(EnsureBackupCronJob.of(APP, UID, CRONJOB, CAUSE, "r").actionId());
  }

  @Test
  void otherDeploymentUidAppOrTypeGivesAnotherId() {
    String id = ActionId.of(APP, UID, ActionType.ENSURE_BUCKET, BUCKET);

    assertThat(ActionId.of(APP, "other-uid", ActionType.ENSURE_BUCKET, BUCKET)).isNotEqualTo(id);
    assertThat(
            ActionId.of(AppKey.parse("prod-us/shop/cart"), UID, ActionType.ENSURE_BUCKET, BUCKET))
        .isNotEqualTo(id);
    assertThat(ActionId.of(APP, UID, ActionType.DELETE_BUCKET, BUCKET)).isNotEqualTo(id);
  }

  @Test
  void canonicalJsonSortsPropertiesAndDropsNulls() {
    BackupCronJobSpec spec = new BackupCronJobSpec("job", "@daily", null, 7, "bucket", "release");

    assertThat(ActionId.canonicalJson(spec))
        .isEqualTo(
            "{\"bucket\":\"bucket\",\"name\":\"job\",\"release\":\"release\","
                + "\"retention\":7,\"schedule\":\"@daily\"}");
    assertThat(ActionId.canonicalJson(Map.of("b", 1, "a", 2))).isEqualTo("{\"a\":2,\"b\":1}");
  }
}
