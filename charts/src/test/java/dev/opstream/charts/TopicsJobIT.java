package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.cli.OpstreamCommand;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The topics hook's command, exactly as the chart renders it (arguments and the hook's own Kafka
 * settings file), run by the real {@code opstream} command against a real broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TopicsJobIT {

  @Test
  void theRenderedJobCreatesEveryCatalogueTopicAndAVerifyThenFindsNoDifference(
      KafkaBroker broker, @TempDir Path dir) throws Exception {
    Rendered rendered =
        OpstreamChart.withRequiredValues()
            .set("kafka.bootstrapServers", broker.bootstrapServers())
            .set("kafka.config.client\\.id", "opstream-topics-job")
            .set("topics.replicationFactor", 1)
            .withHooks()
            .render();
    Job job = rendered.one(Job.class, "opstream-topics");
    Path settings = dir.resolve("client.properties");
    Files.writeString(
        settings,
        rendered.one(ConfigMap.class, "opstream-topics-kafka").getData().get("client.properties"));
    List<String> args =
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().stream()
            .map(
                arg ->
                    arg.equals("/etc/opstream/kafka/client.properties") ? settings.toString() : arg)
            .toList();
    assertThat(args).contains(settings.toString());

    Run create = run(args);
    Run verify = run(args.stream().map(a -> a.equals("create") ? "verify" : a).toList());

    assertThat(create.exitCode()).as(create.out()).isZero();
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    try (Admin admin =
        Admin.create(java.util.Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Set<String> names = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      assertThat(names).containsAll(Topics.all().stream().map(topic -> topic.name()).toList());
    }
  }

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    CommandLine command = OpstreamCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));
    int exitCode = command.execute(args.toArray(String[]::new));
    return new Run(exitCode, out.toString());
  }

  private record Run(int exitCode, String out) {}
}
