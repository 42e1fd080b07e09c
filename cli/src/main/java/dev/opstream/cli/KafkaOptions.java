package dev.opstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** How a command reaches Kafka: the bootstrap servers plus any client properties (TLS, SASL). */
final class KafkaOptions {

  @Option(
      names = {"-b", "--bootstrap-servers"},
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
      description =
          "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
  private String bootstrapServers;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description = "A properties file of Kafka client settings, e.g. security.protocol, sasl.*.")
  private Path commandConfig;

  /** The client properties: the file's, then the bootstrap servers. */
  Properties clientConfig() {
    Properties properties = new Properties();
    if (commandConfig != null) {
      try (InputStream in = Files.newInputStream(commandConfig)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --command-config " + commandConfig, e);
      }
    }
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }
}
