package dev.opstream.cli;

import dev.opstream.replay.Bound;
import dev.opstream.replay.Progress;
import dev.opstream.replay.ProgressBar;
import dev.opstream.replay.ReplayRange;
import dev.opstream.replay.dlq.DeadLetterEntry;
import dev.opstream.replay.dlq.DeadLetterQueue;
import dev.opstream.replay.dlq.DeadLetterSelection;
import dev.opstream.topics.serde.DeadLetter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opstream dlq list|replay}: what is on {@code opstream.dlq}, and sending it back. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "Lists the dead-letter topic opstream.dlq and sends chosen records back.",
    subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.ReplayDeadLetters.class})
final class DlqCommand {

  /** Options both subcommands share. */
  abstract static class Base {
    @Spec CommandSpec spec;

    @Mixin KafkaOptions kafka;

    @Option(
        names = "--from",
        paramLabel = "TIME|OFFSET",
        description = "Start: a time or an offset in every DLQ partition (default: the first).")
    String from;

    @Option(
        names = "--to",
        paramLabel = "TIME|OFFSET",
        description = "End, exclusive (default: the end when reading starts).")
    String to;

    ReplayRange range() {
      return new ReplayRange(
          from == null ? Bound.EDGE : Bound.parse(from), to == null ? Bound.EDGE : Bound.parse(to));
    }

    Progress progress() {
      return ProgressBar.onTerminal("dlq");
    }
  }

  /** {@code opstream dlq list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "One line per dead letter: its DLQ coordinate (partition@offset, what replay --offset"
            + " takes), time, reason, origin topic-partition@offset, stage, key, ce_id, message and"
            + " the start of the value."
      })
  static final class ListDeadLetters extends Base implements Callable<Integer> {
    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      long count =
          new DeadLetterQueue(kafka.clientConfig())
              .list(range(), entry -> out.println(line(entry)), progress());
      out.flush();
      spec.commandLine().getErr().printf("%,d dead letters%n", count);
      spec.commandLine().getErr().flush();
      return 0;
    }
  }

  /** {@code opstream dlq replay}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Sends the chosen dead letters back to the topic they came from (original key, value and"
            + " headers, plus opstream_replayed_from naming the DLQ record). A record its topic"
            + " still cannot read is not sent unless --force.",
        "Replaying one twice sends two copies; opstream's consumers are idempotent, so a copy"
            + " changes nothing (a Deployment state is a level, a stale result or timer is"
            + " ignored).",
        "Exit code: 0 when every chosen record was sent, 1 when some were not (or none matched)."
      })
  static final class ReplayDeadLetters extends Base implements Callable<Integer> {
    @Option(
        names = "--offset",
        paramLabel = "PARTITION@OFFSET",
        description = "A DLQ record by coordinate, as dlq list prints it (repeatable).")
    List<String> coordinates;

    @Option(
        names = "--id",
        paramLabel = "CE_ID",
        description = "A DLQ record by its original ce_id (repeatable).")
    List<String> ids;

    @Option(
        names = "--reason",
        paramLabel = "REASON",
        description = "Every DLQ record with this reason, e.g. NOT_JSON (repeatable).")
    List<String> reasons;

    @Option(names = "--force", description = "Send records their topic still cannot read.")
    boolean force;

    @Override
    public Integer call() {
      DeadLetterSelection selection = DeadLetterSelection.of(coordinates, ids, reasons);
      List<DeadLetterQueue.Replayed> outcomes =
          new DeadLetterQueue(kafka.clientConfig()).replay(range(), selection, force, progress());
      PrintWriter out = spec.commandLine().getOut();
      for (DeadLetterQueue.Replayed outcome : outcomes) {
        out.printf(
            "%s %s: %s%n",
            outcome.entry().coordinate(), outcome.sent() ? "sent" : "NOT sent", outcome.detail());
      }
      out.flush();
      boolean allSent =
          !outcomes.isEmpty() && outcomes.stream().allMatch(DeadLetterQueue.Replayed::sent);
      if (outcomes.isEmpty()) {
        spec.commandLine().getErr().println("no dead letter matched");
        spec.commandLine().getErr().flush();
      }
      return allSent ? 0 : 1;
    }
  }

  static String line(DeadLetterEntry entry) {
    DeadLetter.Info origin = entry.origin();
    String where =
        origin == null ? "?" : origin.topic() + "-" + origin.partition() + "@" + origin.offset();
    return String.join(
        "  ",
        entry.coordinate(),
        entry.at().toString(),
        origin == null ? "NO_REASON" : origin.reason(),
        where,
        origin == null ? "?" : String.valueOf(origin.stage()),
        "key=" + entry.key(),
        "ce_id=" + entry.eventId(),
        origin == null ? "" : String.valueOf(origin.message()),
        "value(" + entry.valueBytes() + " B)=" + entry.valuePreview(),
        entry.replayedFrom() == null ? "" : "replayed from " + entry.replayedFrom());
  }
}
