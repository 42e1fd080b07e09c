package dev.opstream.backup;

import dev.opstream.backup.redis.RedisTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach Redis: the URI, the password (environment or file, never a flag), a timeout. */
final class RedisOptions {

  @Option(
      names = "--redis",
      paramLabel = "URI",
      description =
          "redis://[user@]host[:port] or rediss://... (TLS) (default: $REDIS_URL). The password"
              + " comes from $REDIS_PASSWORD or --password-file, never from the URI.")
  private String uri;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "A file holding the Redis password (a mounted Secret); default: $REDIS_PASSWORD.")
  private Path passwordFile;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT60S",
      description = "How long to wait to connect and for each reply, ISO-8601 (default: PT60S).")
  private Duration timeout;

  /** The target, from these options and {@code env}. */
  RedisTarget target(Environment env) {
    String value =
        Optional.ofNullable(uri)
            .or(() -> env.get("REDIS_URL"))
            .orElseThrow(() -> new BackupException(ExitCode.USAGE, "set --redis or REDIS_URL"));
    return RedisTarget.parse(value, password(env), timeout);
  }

  /** The URI if given (for a printed Job, which does not connect). */
  Optional<String> uri(Environment env) {
    return Optional.ofNullable(uri).or(() -> env.get("REDIS_URL"));
  }

  private Optional<String> password(Environment env) {
    if (passwordFile == null) {
      return Optional.ofNullable(env.variables().get("REDIS_PASSWORD"));
    }
    try {
      String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
      return Optional.of(content.replaceAll("[\\r\\n]+$", ""));
    } catch (IOException e) {
      throw new BackupException(
          ExitCode.USAGE, "cannot read --password-file " + passwordFile + ": " + e, e);
    }
  }
}
