package dev.opstream.cli;

import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.replay.AppSelector;
import dev.opstream.replay.Bound;
import dev.opstream.replay.Progress;
import dev.opstream.replay.ProgressBar;
import dev.opstream.replay.Replay;
import dev.opstream.replay.ReplayRange;
import dev.opstream.replay.chain.ChainBuilder;
import dev.opstream.replay.chain.ChainPrinter;
import dev.opstream.replay.plan.ActionSummary;
import dev.opstream.replay.plan.PlanDifference;
import dev.opstream.replay.plan.ShadowPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstream replay}: each app's causal chains over a range, or (with {@code --plan}) where
 * this build's planner would decide differently from the recorded decisions.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Reads opstream's topics over a range without joining any consumer group (assign, no"
          + " commits, read_committed) and prints each app's causal chains: Deployment change"
          + " observed -> decision (the planner's reason) -> action -> result, with times and the"
          + " latency of each hop. A deletion is traced back to the change that caused it.",
      "With --plan, feeds the recorded planner inputs (from the earliest offset) through this"
          + " build's planner in isolation and prints where its decisions inside the range differ"
          + " from the recorded ones.",
      "Exit code: 0; with --plan 0 when nothing differs, 1 when something does; 2 on an error."
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private KafkaOptions kafka;

  @Option(
      names = "--from",
      paramLabel = "TIME|OFFSET",
      description =
          "Start: a time (2026-11-20T10:00Z, 2026-11-20) or an offset in every partition read"
              + " (default: the first record).")
  private String from;

  @Option(
      names = "--to",
      paramLabel = "TIME|OFFSET",
      description = "End, exclusive: a time or an offset (default: the end when reading starts).")
  private String to;

  @Option(names = "--app", paramLabel = "CLUSTER/NAMESPACE/NAME", description = "Only this app.")
  private String app;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster's apps.")
  private String cluster;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "table (for people) or json (one chain per line) (default: table).")
  private ChainPrinter.Format output;

  @Option(
      names = "--plan",
      description = "Shadow planning: compare this build's planner with the recorded decisions.")
  private boolean plan;

  @Option(
      names = "--grace-period",
      paramLabel = "DURATION",
      converter = PlannerCommand.DurationConverter.class,
      description =
          "With --plan: the shadow planner's grace period (default: $OPSTREAM_PLANNER_GRACE_PERIOD"
              + " or PT24H; use the running planner's).")
  private Duration gracePeriod;

  @Option(
      names = "--bucket-prefix",
      paramLabel = "PREFIX",
      description =
          "With --plan: the shadow planner's bucket prefix (default: $OPSTREAM_BUCKET_PREFIX or opstream).")
  private String bucketPrefix;

  @Option(
      names = "--max-chains-per-app",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "Chains held per app before the oldest is printed early (bounds memory; default: 64).")
  private int maxChainsPerApp;

  @Option(
      names = "--idle",
      paramLabel = "DURATION",
      defaultValue = "PT15M",
      converter = PlannerCommand.DurationConverter.class,
      description =
          "A chain with no new step for this long (record time) is printed and let go, so memory"
              + " stays bounded on long ranges; a later step of it starts a new chain with the same"
              + " cause (default: PT15M).")
  private Duration idle;

  @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
  private boolean noProgress;

  @Override
  public Integer call() throws IOException {
    ReplayRange range =
        new ReplayRange(
            from == null ? Bound.EDGE : Bound.parse(from),
            to == null ? Bound.EDGE : Bound.parse(to));
    AppSelector selector = AppSelector.of(app, cluster);
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = noProgress ? Progress.NONE : ProgressBar.onTerminal("replay");
    if (plan) {
      return shadowPlan(range, selector, out, progress);
    }
    ChainPrinter printer = ChainPrinter.of(output, out);
    ChainBuilder.Limits limits =
        new ChainBuilder.Limits(
            ChainBuilder.Limits.DEFAULT.apps(),
            maxChainsPerApp,
            ChainBuilder.Limits.DEFAULT.hopsPerChain(),
            ChainBuilder.Limits.DEFAULT.eventsPerApp(),
            idle);
    ChainBuilder.Stats stats =
        new Replay(kafka.clientConfig()).chains(range, selector, limits, printer, progress);
    printer.finish();
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "%,d records read, %,d chains, %,d unreadable records skipped%n",
        stats.records(), stats.chains(), stats.unreadable());
    err.flush();
    return 0;
  }

  private int shadowPlan(
      ReplayRange range, AppSelector selector, PrintWriter out, Progress progress)
      throws IOException {
    PlanningPolicy policy = PlannerConfig.fromEnv(System.getenv()).policy();
    if (gracePeriod != null) {
      policy = policy.withGracePeriod(gracePeriod);
    }
    if (bucketPrefix != null) {
      policy =
          new PlanningPolicy(
              bucketPrefix,
              policy.gracePeriod(),
              policy.pauseAll(),
              policy.backoff(),
              policy.driftInterval(),
              policy.deletionGuard());
    }
    Path state = Files.createTempDirectory("opstream-shadow-planner");
    try {
      ShadowPlan.Report report =
          new ShadowPlan(
                  kafka.clientConfig(),
                  new ShadowPlannerAdapter(
                      new dev.opstream.planner.shadow.ShadowPlanner(policy, state)))
              .compare(range, selector, progress);
      print(report, out);
      return report.differences().isEmpty() ? 0 : 1;
    } finally {
      Files.deleteIfExists(state);
    }
  }

  private void print(ShadowPlan.Report report, PrintWriter out) {
    if (output == ChainPrinter.Format.JSON) {
      var json = dev.opstream.topics.serde.Json.newMapper();
      for (PlanDifference difference : report.differences()) {
        try {
          out.println(json.writeValueAsString(difference));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
    } else {
      for (PlanDifference difference : report.differences()) {
        out.println(difference.app());
        for (ActionSummary action : difference.onlyRecorded()) {
          out.printf("  - recorded only: %s%n", describe(action));
        }
        for (ActionSummary action : difference.onlyShadow()) {
          out.printf("  + shadow only:   %s%n", describe(action));
        }
      }
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "%,d planner inputs fed; %,d recorded and %,d shadow actions in the range; %s%n",
        report.inputs(),
        report.recordedActions(),
        report.shadowActions(),
        report.differences().isEmpty()
            ? "no difference"
            : report.differences().size() + " apps differ");
    err.flush();
  }

  private static String describe(ActionSummary action) {
    return action.at()
        + " "
        + action.type()
        + " #"
        + action.attempt()
        + " ("
        + action.actionId()
        + "): "
        + action.reason();
  }
}
