package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.actuator.runner.ActuatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizingTest {

  @ParameterizedTest
  @CsvSource({
    "256Mi, 75, 201326592",
    "512Mi, 75, 402653184",
    "1Gi, 75, 805306368",
    "1Gi, 50, 536870912",
    "0.5Gi, 75, 402653184",
    "1G, 75, 750000000",
    "100000000, 80, 80000000",
    "3, 95, 0"
  })
  void maxmemoryIsTheGivenShareOfTheLimitRoundedDown(String memory, int percent, long expected) {
    if (expected == 0) {
      assertThatThrownBy(() -> MemorySizing.maxmemoryBytes(memory, percent))
          .isInstanceOf(ActuatorException.class);
      return;
    }
    assertThat(MemorySizing.maxmemoryBytes(memory, percent)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "256MB", "-1Gi", "", "1.5.5Gi"})
  void somethingThatIsNoQuantityIsPermanent(String memory) {
    assertThatThrownBy(() -> MemorySizing.maxmemoryBytes(memory, 75))
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> assertThat(e.reason()).isEqualTo(ActuatorException.Reason.PERMANENT));
  }

  @Test
  void fractionsOfAByteAreRefused() {
    assertThatThrownBy(() -> MemorySizing.maxmemoryBytes("100m", 75))
        .hasMessageContaining("whole number of bytes");
  }

  @Test
  void tooLittleForRedisIsRefused() {
    assertThatThrownBy(() -> MemorySizing.maxmemoryBytes("1Mi", 75))
        .hasMessageContaining("memory '1Mi' is too small: Redis would get 786432 bytes (75%)");
    assertThat(MemorySizing.maxmemoryBytes("2Mi", 50)).isEqualTo(1024 * 1024);
  }
}
