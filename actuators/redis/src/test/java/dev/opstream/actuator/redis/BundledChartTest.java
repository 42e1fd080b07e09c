package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BundledChartTest {

  @Test
  void extractsTheChartIntoATemporaryDirectoryThatClosingDeletes() {
    Path directory;
    try (BundledChart.Extracted chart = BundledChart.extractToTemporaryDirectory()) {
      directory = chart.directory();
      assertThat(directory.resolve("Chart.yaml")).isRegularFile();
      assertThat(directory.resolve("values.schema.json")).isRegularFile();
      assertThat(directory.resolve("templates")).isDirectory();
      assertThat(ChartYaml.version(directory)).isEqualTo("0.1.0");
    }

    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void eachExtractionHasADirectoryOfItsOwn() {
    try (BundledChart.Extracted first = BundledChart.extractToTemporaryDirectory();
        BundledChart.Extracted second = BundledChart.extractToTemporaryDirectory()) {
      assertThat(first.directory()).isNotEqualTo(second.directory());
      second.close();
      assertThat(first.directory().resolve("Chart.yaml")).isRegularFile();
    }
  }
}
