package dev.opstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.planner.PlannerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code opstream planner}'s configuration: options over environment over defaults. */
class PlannerCommandTest {

  @Test
  void optionsOverrideTheEnvironmentWhichOverridesTheDefaults() {
    PlannerConfig config =
        configOf(
            Map.of(
                PlannerConfig.ENV_GRACE_PERIOD, "PT2H",
                PlannerConfig.ENV_BUCKET_PREFIX, "acme",
                PlannerConfig.ENV_HTTP_PORT, "9000"),
            "--bootstrap-servers",
            "kafka:9093",
            "--application-id",
            "planner-a",
            "--state-dir",
            "/var/lib/planner",
            "--grace-period",
            "PT0S",
            "--pause-all",
            "--drift-interval",
            "PT5M");

    assertThat(config.bootstrapServers()).isEqualTo("kafka:9093");
    assertThat(config.applicationId()).isEqualTo("planner-a");
    assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/planner"));
    assertThat(config.policy().gracePeriod()).isEqualTo(Duration.ZERO);
    assertThat(config.policy().bucketPrefix()).isEqualTo("acme");
    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.policy().pauseAll()).isTrue();
    assertThat(config.policy().driftInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aDryRunGetsItsOwnApplicationIdSoItNeverJoinsTheLivePlannersGroup() {
    PlannerConfig dry = configOf(Map.of(), "--dry-run");
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.applicationId()).isEqualTo("opstream-planner-dry-run");

    PlannerConfig named = configOf(Map.of(), "--dry-run", "--application-id", "try-new-rules");
    assertThat(named.applicationId()).isEqualTo("try-new-rules");
    assertThat(configOf(Map.of()).dryRun()).isFalse();
    assertThat(configOf(Map.of(PlannerConfig.ENV_DRY_RUN, "true")).applicationId())
        .isEqualTo("opstream-planner-dry-run");
  }

  @Test
  void theHangingTransactionReaperTakesItsSwitchAndAgeFromOptionsOverTheEnvironment() {
    PlannerConfig config =
        configOf(
            Map.of(
                PlannerConfig.ENV_HANGING_AGE, "PT1M", PlannerConfig.ENV_HANGING_INTERVAL, "PT5S"),
            "--abort-hanging-transactions=false",
            "--hanging-transaction-age",
            "PT20S");

    assertThat(config.transactionReaper().enabled()).isFalse();
    assertThat(config.transactionReaper().olderThan()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.transactionReaper().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(configOf(Map.of()).transactionReaper().enabled()).isTrue();
  }

  @Test
  void defaultsToTheProductionSettings() {
    PlannerConfig config = configOf(Map.of(), "--bootstrap-servers", "kafka:9092");

    assertThat(config.applicationId()).isEqualTo("opstream-planner");
    assertThat(config.policy().gracePeriod()).isEqualTo(Duration.ofHours(24));
    assertThat(config.policy().bucketPrefix()).isEqualTo("opstream");
    assertThat(config.policy().pauseAll()).isFalse();
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.streamsProperties())
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.server", "localhost:8080");
  }

  @Test
  void aDurationThatIsNotIso8601IsRefusedWithTheFormItTakes() {
    Run run = run("planner", "--grace-period", "24h");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err)
        .contains("--grace-period")
        .contains("'24h' is not an ISO-8601 duration such as PT24H");
  }

  @Test
  void aNegativeGracePeriodIsOneClearErrorLine() {
    Run run = run("planner", "--grace-period", "-PT1H", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(run.exitCode).isEqualTo(FailureReport.EXIT_FAILED);
    assertThat(run.err).startsWith("error: grace period must not be negative, was PT-1H");
    assertThat(run.err).doesNotContain("\tat ");
  }

  @Test
  void aBadEnvironmentVariableIsNamedInTheError() {
    assertThatThrownBy(() -> configOf(Map.of(PlannerConfig.ENV_HTTP_PORT, "eighty")))
        .hasMessage("OPSTREAM_PLANNER_HTTP_PORT must be a whole number, was 'eighty'");
    assertThatThrownBy(() -> configOf(Map.of(PlannerConfig.ENV_PAUSE_ALL, "yes")))
        .hasMessage("OPSTREAM_PLANNER_PAUSE_ALL must be true or false, was 'yes'");
  }

  @Test
  void aBadBucketPrefixSaysWhatIsAllowed() {
    Run run = run("planner", "--bucket-prefix", "Acme_Backups", "--bootstrap-servers", "x:1");

    assertThat(run.exitCode).isEqualTo(FailureReport.EXIT_FAILED);
    assertThat(run.err).contains("bucket prefix must be 1 to 30 lower-case letters and digits");
  }

  @Test
  void helpNamesEveryOptionAndItsEnvironmentVariable() {
    Run run = run("planner", "--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .contains(
            "--bootstrap-servers",
            "--application-id",
            "--state-dir",
            "--grace-period",
            "--bucket-prefix",
            "--pause-all",
            "--http-port",
            "$OPSTREAM_PLANNER_GRACE_PERIOD");
  }

  private static PlannerConfig configOf(Map<String, String> env, String... args) {
    CommandLine commandLine = new CommandLine(new PlannerCommand());
    commandLine.parseArgs(args);
    return ((PlannerCommand) commandLine.getCommand()).config(env);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OpstreamCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
