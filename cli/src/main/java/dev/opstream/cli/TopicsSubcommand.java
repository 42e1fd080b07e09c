package dev.opstream.cli;

import dev.opstream.topics.CatalogueConfig;
import dev.opstream.topics.TopicCatalogue;
import dev.opstream.topics.admin.TopicAdmin;
import dev.opstream.topics.admin.TopicReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@code topics create} and {@code topics verify} share: the options and the report. */
abstract class TopicsSubcommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private KafkaOptions kafka;

  @Option(
      names = "--partitions",
      description = "Partitions of every topic (default: $OPSTREAM_TOPICS_PARTITIONS or 12).")
  private Integer partitions;

  @Option(
      names = "--replication-factor",
      description =
          "Replicas per partition (default: $OPSTREAM_TOPICS_REPLICATION_FACTOR or 3; 1 for a"
              + " one-broker cluster).")
  private Short replicationFactor;

  @Option(
      names = "--min-insync-replicas",
      description =
          "min.insync.replicas (default: $OPSTREAM_TOPICS_MIN_INSYNC_REPLICAS, or one less than"
              + " the replication factor, at least 1).")
  private Integer minInsyncReplicas;

  @Option(
      names = "--timeout",
      defaultValue = "PT30S",
      description = "How long to wait for the broker, ISO-8601 (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  /** Whether this subcommand creates and fixes topics, or only reports. */
  abstract boolean create();

  @Override
  public Integer call() {
    TopicCatalogue catalogue = TopicCatalogue.of(catalogueConfig());
    Properties clientConfig = kafka.clientConfig();
    TopicReport report;
    try (Admin admin = Admin.create(clientConfig)) {
      TopicAdmin topics = new TopicAdmin(admin, timeout);
      report = create() ? topics.create(catalogue) : topics.verify(catalogue);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(report.describe());
    out.flush();
    return report.matchesCatalogue() ? 0 : 1;
  }

  private CatalogueConfig catalogueConfig() {
    CatalogueConfig base = CatalogueConfig.fromEnv(System.getenv());
    short replicas = replicationFactor != null ? replicationFactor : base.replicationFactor();
    int minIsr;
    if (minInsyncReplicas != null) {
      minIsr = minInsyncReplicas;
    } else if (replicationFactor != null) {
      minIsr = Math.max(1, replicas - 1);
    } else {
      minIsr = base.minInsyncReplicas();
    }
    return new CatalogueConfig(
        partitions != null ? partitions : base.partitions(),
        replicas,
        minIsr,
        base.auditRetentionDays(),
        base.dlqRetentionDays());
  }
}
