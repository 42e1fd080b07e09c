package dev.opstream.cli;

import picocli.CommandLine.Command;

/** {@code opstream topics}: creates or verifies opstream's topics on a broker. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Creates or verifies opstream's topics (names, partitions, configs).",
    subcommands = {TopicsCommand.Create.class, TopicsCommand.Verify.class})
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
}
