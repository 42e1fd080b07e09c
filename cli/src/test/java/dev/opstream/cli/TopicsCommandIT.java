package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(KafkaBrokerExtension.class)
class TopicsCommandIT {

  private final KafkaBroker broker;

  TopicsCommandIT(KafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void createTwiceChangesNothingTheSecondTimeAndSaysSo() {
    Run first = run("topics", "create", "--replication-factor", "1");
    Run second = run("topics", "create", "--replication-factor", "1");

    // The broker is shared by this JVM's tests, so the first run may or may not create the topics.
    assertThat(first.exitCode).isZero();
    assertThat(first.out).contains("opstream.deployments ");
    assertThat(second.exitCode).isZero();
    assertThat(second.out).contains("opstream.deployments UNCHANGED").endsWith("nothing changed\n");
  }

  @Test
  void verifyReportsDriftAndCreateSetsItBack() throws Exception {
    run("topics", "create", "--replication-factor", "1");
    setRetention("opstream.results", "3600000");

    Run verify = run("topics", "verify", "--replication-factor", "1");
    Run create = run("topics", "create", "--replication-factor", "1");
    Run verifyAgain = run("topics", "verify", "--replication-factor", "1");

    assertThat(verify.exitCode).isEqualTo(1);
    assertThat(verify.out).contains("opstream.results DIFFERS").contains("retention.ms");
    assertThat(create.exitCode).isZero();
    assertThat(create.out).contains("opstream.results CONFIG_UPDATED");
    assertThat(verifyAgain.exitCode).isZero();
  }

  @Test
  void findAndAbortHangingFindNothingWhereEveryTransactionCompleted() {
    run("topics", "create", "--replication-factor", "1");

    Run find = run("topics", "find-hanging", "--older-than", "PT0S", "--topic", "opstream.status");
    Run abort =
        run("topics", "abort-hanging", "--older-than", "PT0S", "--topic", "opstream.status");
    Run everyTopic = run("topics", "find-hanging");

    assertThat(find.exitCode).as(find.err).isZero();
    assertThat(find.out).isEqualTo("0 hanging transaction(s) on 1 topic(s)\n");
    assertThat(abort.exitCode).as(abort.err).isZero();
    assertThat(abort.out).isEqualTo("0 hanging transaction(s) on 1 topic(s)\n");
    assertThat(everyTopic.exitCode).as(everyTopic.err).isZero();
    assertThat(everyTopic.out).startsWith("0 hanging transaction(s) on ");
  }

  @Test
  void anUnreachableBrokerIsOneClearErrorLine() {
    Run run = run("topics", "verify", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "PT2S");

    assertThat(run.exitCode).isEqualTo(FailureReport.EXIT_FAILED);
    assertThat(run.err).startsWith("error: ").doesNotContain("\tat ");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OpstreamCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] withBroker = args;
    if (!List.of(args).contains("--bootstrap-servers")) {
      withBroker = concat(args, "--bootstrap-servers", broker.bootstrapServers());
    }
    int exitCode = commandLine.execute(withBroker);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private void setRetention(String topic, String retentionMs) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      AlterConfigOp set =
          new AlterConfigOp(new ConfigEntry("retention.ms", retentionMs), AlterConfigOp.OpType.SET);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get();
      // The broker applies the change from the metadata log a moment later: wait to see it.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  retentionMs.equals(
                      admin
                          .describeConfigs(List.of(resource))
                          .all()
                          .get()
                          .get(resource)
                          .get("retention.ms")
                          .value()));
    }
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private record Run(int exitCode, String out, String err) {}
}
