package dev.opstream.backup.redis;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The Redis server to back up or restore into: {@code redis://[user@]host[:port]} or {@code
 * rediss://...} (TLS). The password never comes from the URI (it would show in the process list and
 * in the CronJob's spec): it comes from {@code REDIS_PASSWORD} or a file.
 *
 * @param host the host
 * @param port the port, 6379 unless the URI says
 * @param tls whether to use TLS ({@code rediss://})
 * @param username the ACL user, empty for {@code default}
 * @param password the password, empty for none
 * @param timeout how long to wait to connect and for one reply
 */
public record RedisTarget(
    String host,
    int port,
    boolean tls,
    Optional<String> username,
    Optional<String> password,
    Duration timeout) {

  public static final int DEFAULT_PORT = 6379;

  /**
   * The target {@code uri} names.
   *
   * @throws BackupException ({@link ExitCode#USAGE}) if it is not a Redis URI without a password
   */
  public static RedisTarget parse(String uri, Optional<String> password, Duration timeout) {
    URI parsed;
    try {
      parsed = new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw usage("'" + uri + "' is not a URI: " + e.getMessage());
    }
    String scheme = parsed.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw usage("'" + uri + "' is not a redis:// or rediss:// URI");
    }
    if (parsed.getHost() == null) {
      throw usage("'" + uri + "' has no host");
    }
    String path = parsed.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw usage("'" + uri + "' names a database: a backup covers every database, drop " + path);
    }
    Optional<String> username = Optional.empty();
    String userInfo = parsed.getRawUserInfo();
    if (userInfo != null) {
      if (userInfo.contains(":")) {
        throw usage("put the Redis password in REDIS_PASSWORD or --password-file, not in the URI");
      }
      username = Optional.of(URLDecoder.decode(userInfo, StandardCharsets.UTF_8));
    }
    return new RedisTarget(
        parsed.getHost(),
        parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort(),
        "rediss".equals(scheme),
        username.filter(u -> !u.isEmpty()),
        password.filter(p -> !p.isEmpty()),
        timeout);
  }

  /** The URI without the password, for messages. */
  public String display() {
    return (tls ? "rediss://" : "redis://")
        + username.map(u -> u + "@").orElse("")
        + host
        + ":"
        + port;
  }

  @Override
  public String toString() {
    return "RedisTarget[" + display() + (password.isPresent() ? ", with password" : "") + "]";
  }

  private static BackupException usage(String message) {
    return new BackupException(ExitCode.USAGE, message);
  }
}
