package dev.opstream.backup;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code opstream backup run|list|restore}: backs a Redis server up into an S3 bucket, lists the
 * backups, restores one. What every app's backup CronJob runs.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    description = {
      "Backs Redis up into S3, lists the backups, restores one.",
      "S3 comes from the environment: S3_ENDPOINT (optional: an S3-compatible server, path-style),"
          + " AWS_REGION, and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS default"
          + " credentials chain (profile, web identity, instance role)."
    },
    subcommands = {RunCommand.class, ListCommand.class, RestoreCommand.class},
    modelTransformer = ExitCodeHelp.class)
public final class BackupCommand implements Runnable {

  private final Environment environment;

  @Spec private CommandSpec spec;

  /** With this process's environment; how picocli creates it as a subcommand. */
  public BackupCommand() {
    this(Environment.system());
  }

  public BackupCommand(Environment environment) {
    this.environment = environment;
  }

  Environment environment() {
    return environment;
  }

  /** {@code opstream <version>}, as written into manifests. */
  static String tool() {
    return ToolVersion.current();
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: run, list or restore");
  }

  /** A command line of its own (tests, a separate JVM); in production it is under opstream. */
  public static CommandLine commandLine(Environment environment) {
    return new CommandLine(new BackupCommand(environment))
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  /**
   * Runs {@code backup ...} on its own: {@code java -cp ... dev.opstream.backup.BackupCommand run}.
   */
  public static void main(String[] args) {
    System.exit(commandLine(Environment.system()).execute(args));
  }
}
