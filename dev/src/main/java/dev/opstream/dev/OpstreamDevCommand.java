package dev.opstream.dev;

import dev.opstream.cli.OpstreamCommand;
import dev.opstream.dev.demo.DemoCommand;
import picocli.CommandLine;

/**
 * The development {@code opstream-dev} command: every production subcommand, plus {@code stack},
 * which runs the real servers opstream needs on this machine, and {@code demo}, which runs the
 * whole pipeline against them.
 */
public final class OpstreamDevCommand {

  private OpstreamDevCommand() {}

  /** The production command line with the development subcommands added. */
  public static CommandLine commandLine() {
    CommandLine commandLine = OpstreamCommand.commandLine();
    commandLine.setCommandName("opstream-dev");
    commandLine.addSubcommand(new StackCommand());
    commandLine.addSubcommand(new DemoCommand());
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
