package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production artifact ({@code target/opstream.jar} and its {@code target/lib/}, which is also
 * what the image carries) holds only what production needs: none of the local stack's servers
 * (Kafka broker, S3Proxy, Kubernetes mock API server) and no test library. Runs after {@code
 * package}, hence an IT.
 */
class ProductionJarIT {

  private static final Path JAR = Path.of("target/opstream.jar");
  private static final Path LIB = Path.of("target/lib");

  /**
   * Jars that belong to development and tests only. ({@code kafka-streams-test-utils} is not one:
   * {@code opstream replay --plan} runs the planner's topology in its TopologyTestDriver, which
   * needs no broker and leaves no state behind.)
   */
  private static final List<Pattern> FORBIDDEN =
      Stream.of(
              "opstream-local-stack-.*",
              "opstream-dev-.*",
              "kafka_2\\.13-.*",
              "kafka-server-.*",
              "kafka-server-common-.*",
              "kafka-metadata-.*",
              "kafka-raft-.*",
              "kafka-storage-.*",
              "kafka-tools-.*",
              "kafka-coordinator-common-.*",
              "kafka-group-coordinator-.*",
              "kafka-transaction-coordinator-.*",
              "s3proxy-.*",
              "jclouds-.*",
              "kubernetes-server-mock-.*",
              "mockwebserver-.*",
              "okhttp-.*",
              "junit-.*",
              "opentest4j-.*",
              "assertj-.*",
              "awaitility-.*",
              "scala-library-.*")
          .map(Pattern::compile)
          .toList();

  @Test
  void libHoldsExactlyTheManifestsClassPathAndNoDevelopmentServer() throws IOException {
    assertThat(JAR).isRegularFile();
    List<String> classPath;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      classPath =
          Arrays.stream(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "))
              .filter(entry -> !entry.isBlank())
              .toList();
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(OpstreamCommand.class.getName());
    }
    List<String> lib;
    try (Stream<Path> files = Files.list(LIB)) {
      lib = files.map(f -> "lib/" + f.getFileName()).sorted().toList();
    }

    assertThat(lib).containsExactlyInAnyOrderElementsOf(classPath);
    for (String entry : lib) {
      String name = entry.substring("lib/".length());
      assertThat(FORBIDDEN)
          .as("%s is a development or test jar", name)
          .noneMatch(pattern -> pattern.matcher(name).matches());
    }
    assertThat(lib).anyMatch(e -> e.startsWith("lib/kafka-clients-"));
    assertThat(lib).anyMatch(e -> e.startsWith("lib/kafka-streams-"));
  }

  @Test
  void noOpstreamJarCarriesTheLocalStacksClasses() throws IOException {
    List<Path> ours;
    try (Stream<Path> files = Files.list(LIB)) {
      ours = files.filter(f -> f.getFileName().toString().startsWith("opstream-")).toList();
    }
    assertThat(ours).isNotEmpty();
    for (Path path : Stream.concat(Stream.of(JAR), ours.stream()).toList()) {
      try (JarFile jar = new JarFile(path.toFile())) {
        assertThat(jar.stream().map(e -> e.getName()))
            .as(path.toString())
            .noneMatch(name -> name.startsWith("dev/opstream/localstack/"))
            .noneMatch(name -> name.startsWith("kafka/server/"))
            .noneMatch(name -> name.startsWith("org/gaul/s3proxy/"));
      }
    }
  }
}
