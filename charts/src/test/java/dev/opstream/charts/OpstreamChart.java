package dev.opstream.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart in {@code charts/opstream} as real Helm ({@code helm template}) renders it: values
 * files (relative to {@code charts/}) plus {@code --set} values, into Kubernetes objects.
 */
final class OpstreamChart {

  /** The chart directory; Maven runs the tests in {@code charts/}. */
  static final Path DIRECTORY = Path.of("opstream").toAbsolutePath();

  static final String RELEASE = "opstream";
  static final String NAMESPACE = "opstream-system";

  /** The values every install must give: the cluster's name and Kafka. */
  static final Map<String, String> REQUIRED =
      Map.of("clusterName", "eks", "kafka.bootstrapServers", "kafka-bootstrap.kafka:9092");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * helm-java's {@code template} leaves hooks out. A copy of the chart whose hook annotations are
   * renamed to this prefix renders them as plain objects, annotations included.
   */
  static final String HOOK_ANNOTATION_IN_COPY = "rendered-hook.opstream.dev/";

  private final Map<String, String> sets = new LinkedHashMap<>();
  private boolean withHooks;
  private final List<Path> valuesFiles = new java.util.ArrayList<>();

  private OpstreamChart() {}

  /** The chart with only the required values given. */
  static OpstreamChart withRequiredValues() {
    OpstreamChart chart = new OpstreamChart();
    chart.sets.putAll(REQUIRED);
    return chart;
  }

  /** The chart with no value given at all. */
  static OpstreamChart withNoValues() {
    return new OpstreamChart();
  }

  /**
   * Renders the hooks too (from a copy; their annotations renamed {@link
   * #HOOK_ANNOTATION_IN_COPY}).
   */
  OpstreamChart withHooks() {
    withHooks = true;
    return this;
  }

  /** Adds a values file, relative to {@code charts/} (e.g. {@code opstream/examples/...}). */
  OpstreamChart values(String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no values file " + path);
    }
    valuesFiles.add(path);
    return this;
  }

  /** Adds {@code --set name=value}. */
  OpstreamChart set(String name, Object value) {
    sets.put(name, String.valueOf(value));
    return this;
  }

  /** {@code helm template}: the manifests as text. */
  String template() {
    TemplateCommand template =
        new Helm(withHooks ? copyWithHooksAsPlainObjects() : DIRECTORY)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE);
    for (Path file : valuesFiles) {
      template = template.withValuesFile(file);
    }
    for (Map.Entry<String, String> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return template.call();
  }

  /** {@code helm template}, parsed into objects. */
  Rendered render() {
    return new Rendered(parse(template()));
  }

  private static Path copyWithHooksAsPlainObjects() {
    try {
      Path copy = Files.createTempDirectory("opstream-chart-");
      try (var paths = Files.walk(DIRECTORY)) {
        for (Path source : paths.toList()) {
          Path target = copy.resolve(DIRECTORY.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.writeString(
                target,
                Files.readString(source).replace("helm.sh/hook", HOOK_ANNOTATION_IN_COPY + "hook"));
          }
        }
      }
      return copy;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<HasMetadata> parse(String manifests) {
    return Arrays.stream(manifests.split("(?m)^---\\s*$"))
        .map(String::strip)
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
  }

  Map<String, String> sets() {
    return Map.copyOf(sets);
  }

  List<Path> valuesFiles() {
    return List.copyOf(valuesFiles);
  }
}
