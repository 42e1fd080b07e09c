package dev.opstream.cli;

import dev.opstream.backup.BackupCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The production {@code opstream} command: one subcommand per stage and tool. */
@Command(
    name = "opstream",
    mixinStandardHelpOptions = true,
    versionProvider = OpstreamVersion.class,
    description = "The operator pattern as a Kafka-streamed pipeline.",
    subcommands = {
      TopicsCommand.class,
      WatcherCommand.class,
      PlannerCommand.class,
      ActuatorCommand.class,
      BackupCommand.class,
      ReplayCommand.class,
      DlqCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class OpstreamCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** The command line with every production subcommand; other launchers may add to it. */
  public static CommandLine commandLine() {
    return new CommandLine(new OpstreamCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new FailureReport());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
