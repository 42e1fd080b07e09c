package dev.opstream.backup;

import dev.opstream.backup.progress.Sizes;
import dev.opstream.backup.store.BackupEntry;
import dev.opstream.backup.store.BackupMode;
import dev.opstream.backup.store.BackupStore;
import dev.opstream.backup.store.Manifest;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code opstream backup list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    modelTransformer = ExitCodeHelp.class,
    description = {
      "Lists the backups under the prefix, newest first: id, time (finished, or started if it"
          + " never finished), mode, keys, compressed size, state.",
      "States: GOOD (restorable), INCOMPLETE (no manifest: failed, killed, or still running),"
          + " DAMAGED (manifest unreadable, or data missing or of another size)."
    })
final class ListCommand extends BackupSubcommand {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String ROW = "%-20s  %-20s  %-4s  %12s  %10s  %s%n";

  @Mixin private BucketOptions bucket;

  @Override
  ExitCode execute() {
    try (S3Client s3 = s3()) {
      BackupStore store = bucket.store(s3, env());
      store.requireBucket();
      List<BackupEntry> entries = store.list();
      PrintWriter out = out();
      if (entries.isEmpty()) {
        out.println("no backups in " + store.location());
      } else {
        out.printf(Locale.ROOT, ROW, "ID", "TIME", "MODE", "KEYS", "SIZE", "STATE");
        entries.forEach(entry -> out.printf(Locale.ROOT, ROW, row(entry)));
      }
      out.flush();
    }
    return ExitCode.OK;
  }

  static Object[] row(BackupEntry entry) {
    Instant time = entry.manifest().map(Manifest::finished).orElse(entry.id().started());
    return new Object[] {
      entry.id().value(),
      TIME.format(time),
      entry.manifest().map(Manifest::mode).or(entry::dataMode).map(BackupMode::label).orElse("-"),
      entry.manifest().map(m -> String.format(Locale.ROOT, "%,d", m.keys())).orElse("-"),
      entry.dataBytes().map(Sizes::human).orElse("-"),
      entry.state() + entry.problem().map(p -> " (" + p + ")").orElse("")
    };
  }
}
