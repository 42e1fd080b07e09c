package dev.opstream.actuator.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a chart directory's {@code Chart.yaml}. */
final class ChartYaml {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private ChartYaml() {}

  /** The chart's {@code version}. */
  static String version(Path chartDirectory) {
    Path file = chartDirectory.resolve("Chart.yaml");
    try {
      JsonNode chart =
          YAML.unmarshal(Files.readString(file, StandardCharsets.UTF_8), JsonNode.class);
      String version = chart.path("version").asText("");
      if (version.isBlank()) {
        throw new IllegalArgumentException(file + " has no version");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart's " + file, e);
    }
  }
}
