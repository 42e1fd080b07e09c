package dev.opstream.backup.testing;

import dev.opstream.backup.BackupCommand;
import dev.opstream.backup.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code backup ...} in this JVM with an environment of the test's choosing. */
public final class BackupCli {

  private BackupCli() {}

  public static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        BackupCommand.commandLine(new Environment(env, Clock.systemUTC(), false));
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * What a run printed and returned.
   *
   * @param exitCode the exit status
   * @param out standard output
   * @param err standard error
   */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }
}
