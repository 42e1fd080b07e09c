package dev.opstream.cli;

import picocli.CommandLine.Command;

/** {@code opstream topics}: creates or verifies opstream's topics on a broker. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description =
        "Creates or verifies opstream's topics (names, partitions, configs); finds and aborts"
            + " hanging transactions.",
    subcommands = {
      TopicsCommand.Create.class,
      TopicsCommand.Verify.class,
      TopicsCommand.FindHanging.class,
      TopicsCommand.AbortHanging.class
    })
final class TopicsCommand {

  /** {@code opstream topics create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the topics that are missing and sets drifted configs (retention, cleanup policy,"
            + " min ISR) back to the catalogue's. Idempotent: a second run changes nothing.",
        "Never deletes a topic and never adds partitions to a keyed topic: it reports those.",
        "Exit code: 0 when every topic matches the catalogue afterwards, 1 when some still differ."
      })
  static final class Create extends TopicsSubcommand {
    @Override
    boolean create() {
      return true;
    }
  }

  /** {@code opstream topics verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Reports how the broker's topics differ from the catalogue; changes nothing.",
        "Exit code: 0 when every topic matches, 1 when some are missing or differ."
      })
  static final class Verify extends TopicsSubcommand {
    @Override
    boolean create() {
      return false;
    }
  }

  /** {@code opstream topics find-hanging}. */
  @Command(
      name = "find-hanging",
      mixinStandardHelpOptions = true,
      description = {
        "Lists hanging transactions: open on a partition for longer than --older-than while their"
            + " coordinator has no transaction on that partition, so read_committed readers are"
            + " stuck behind them (as kafka-transactions.sh find-hanging). Changes nothing.",
        "Exit code: 0 when there are none, 1 when some hang."
      })
  static final class FindHanging extends HangingTransactionsSubcommand {
    @Override
    boolean abort() {
      return false;
    }
  }

  /** {@code opstream topics abort-hanging}. */
  @Command(
      name = "abort-hanging",
      mixinStandardHelpOptions = true,
      description = {
        "Finds hanging transactions as find-hanging does and aborts each (as kafka-transactions.sh"
            + " abort). Never aborts a transaction its coordinator still tracks on that partition."
            + " Needs the ClusterAction ACL on the cluster.",
        "Exit code: 0 when every hanging transaction was aborted."
      })
  static final class AbortHanging extends HangingTransactionsSubcommand {
    @Override
    boolean abort() {
      return true;
    }
  }
}
