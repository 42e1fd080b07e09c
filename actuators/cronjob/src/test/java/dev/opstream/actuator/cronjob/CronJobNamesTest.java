package dev.opstream.actuator.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.actuator.runner.ActuatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CronJobNamesTest {

  @Test
  void acceptsThePlannersLongestName() {
    String longest = "a".repeat(39) + "-redis-backup";

    assertThat(CronJobNames.cronJob(longest)).hasSize(52);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Cart-redis-backup", "cart.redis.backup", "-cart", "cart_backup"})
  void refusesNamesACronJobCannotHave(String name) {
    assertThatThrownBy(() -> CronJobNames.cronJob(name))
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> assertThat(e.reason()).isEqualTo(ActuatorException.Reason.PERMANENT));
  }

  @Test
  void refusesNamesTooLongForItsJobs() {
    assertThatThrownBy(() -> CronJobNames.cronJob("a".repeat(53)))
        .hasMessageContaining("at most 52 characters");
  }
}
