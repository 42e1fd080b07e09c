package dev.opstream.cli;

import dev.opstream.topics.admin.HangingTransactions;
import dev.opstream.topics.admin.OpenTransaction;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@code topics find-hanging} and {@code topics abort-hanging} share. */
abstract class HangingTransactionsSubcommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private KafkaOptions kafka;

  @Option(
      names = "--older-than",
      defaultValue = "PT5M",
      converter = PlannerCommand.DurationConverter.class,
      description =
          "Only transactions silent for longer than this, ISO-8601; keep it above the producers'"
              + " transaction.timeout.ms (default: ${DEFAULT-VALUE}).")
  private Duration olderThan;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Search only this topic (repeatable; default: every topic).")
  private List<String> topics;

  @Option(
      names = "--timeout",
      defaultValue = "PT30S",
      converter = PlannerCommand.DurationConverter.class,
      description = "How long to wait for the broker, ISO-8601 (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  /** Whether this subcommand aborts what it finds, or only reports. */
  abstract boolean abort();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      HangingTransactions transactions = new HangingTransactions(admin, timeout, Clock.systemUTC());
      List<String> searched =
          topics != null && !topics.isEmpty() ? topics : transactions.topics(topic -> true);
      List<OpenTransaction> hanging = transactions.find(searched, olderThan).hanging();
      for (OpenTransaction transaction : hanging) {
        if (abort()) {
          transactions.abort(transaction);
          out.println("aborted " + transaction.describe());
        } else {
          out.println("hanging " + transaction.describe());
        }
      }
      out.printf(
          "%d hanging transaction(s) on %d topic(s)%s%n",
          hanging.size(), searched.size(), abort() && !hanging.isEmpty() ? ", aborted" : "");
      out.flush();
      return abort() || hanging.isEmpty() ? 0 : 1;
    }
  }
}
