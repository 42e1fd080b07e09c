package dev.opstream.actuator.redis;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which chart the actuator installs: a chart directory (by default the one bundled in this jar,
 * extracted at start) or a chart reference such as {@code oci://registry.example/charts/redis} with
 * a pinned version. The version is what an installed release is compared with.
 *
 * @param directory a chart directory, or empty for a reference
 * @param reference a chart reference, or empty for a directory
 * @param version the chart's version ({@code Chart.yaml} of a directory; pinned for a reference)
 */
public record ChartSource(Optional<Path> directory, Optional<String> reference, String version) {

  public ChartSource {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(version, "version");
    if (directory.isPresent() == reference.isPresent()) {
      throw new IllegalArgumentException("a chart is either a directory or a reference");
    }
    if (version.isBlank()) {
      throw new IllegalArgumentException("the chart version must not be blank");
    }
  }

  /** A chart directory; its version is read from its {@code Chart.yaml}. */
  public static ChartSource directory(Path directory) {
    return new ChartSource(
        Optional.of(directory.toAbsolutePath()), Optional.empty(), ChartYaml.version(directory));
  }

  /** A chart reference (OCI or repository), installed at exactly {@code version}. */
  public static ChartSource reference(String reference, String version) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("the chart reference must not be blank");
    }
    return new ChartSource(Optional.empty(), Optional.of(reference), version);
  }

  /** For logs: the directory or the reference, with the version. */
  public String describe() {
    return directory.map(Path::toString).orElseGet(reference::orElseThrow) + " " + version;
  }
}
