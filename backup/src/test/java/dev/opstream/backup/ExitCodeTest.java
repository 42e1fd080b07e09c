package dev.opstream.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExitCodeTest {

  @Test
  void everyCodeIsDistinctAndFitsAProcessStatus() {
    assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code))
        .doesNotHaveDuplicates()
        .allMatch(code -> code >= 0 && code < 126);
    assertThat(ExitCode.USAGE.code()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(ExitCode.FAILED.code()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
  }

  @Test
  void everySubcommandsHelpListsEveryExitCode() {
    for (String subcommand : new String[] {"run", "list", "restore"}) {
      StringWriter out = new StringWriter();
      CommandLine commandLine =
          BackupCommand.commandLine(new Environment(Map.of(), Clock.systemUTC(), false));
      commandLine.setOut(new PrintWriter(out));

      int exit = commandLine.execute(subcommand, "--help");

      assertThat(exit).isZero();
      assertThat(out.toString()).contains("Exit codes:");
      for (ExitCode code : ExitCode.values()) {
        assertThat(out.toString()).as(subcommand).contains(code.name() + ": ");
      }
    }
  }

  @Test
  void missingSettingsAreUsageErrorsThatNameTheFlagAndVariable() {
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        BackupCommand.commandLine(new Environment(Map.of(), Clock.systemUTC(), false));
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("run", "--bucket", "b");

    assertThat(exit).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString())
        .contains("error: set --redis or REDIS_URL")
        .contains("exit 2 (USAGE)");
  }
}
