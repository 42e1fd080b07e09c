package dev.opstream.actuator.redis;

import dev.opstream.actuator.runner.ActuatorException;
import java.util.regex.Pattern;

/**
 * Checks the names an action carries before they reach Helm or the API server, and derives the
 * password Secret's name from a release's ({@code <stem>-redis} → {@code <stem>-redis-auth}, as the
 * planner names them).
 */
final class RedisNames {

  /** Helm's limit for release names. */
  static final int RELEASE_MAX_LENGTH = 53;

  static final String SECRET_SUFFIX = "-auth";

  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private RedisNames() {}

  /**
   * {@code release} if it can name a Helm release whose Services are named after it: a DNS-1035
   * label of at most 53 characters.
   */
  static String release(String release) {
    if (release == null
        || release.length() > RELEASE_MAX_LENGTH
        || !DNS_1035_LABEL.matcher(release).matches()) {
      throw ActuatorException.permanent(
          "'"
              + release
              + "' is not a valid Helm release name (a lower-case letter, then letters, digits"
              + " and '-', at most "
              + RELEASE_MAX_LENGTH
              + " characters)");
    }
    return release;
  }

  /** {@code secret} if it can name a Secret: a DNS-1123 subdomain of at most 253 characters. */
  static String secret(String secret) {
    if (secret == null || secret.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(secret).matches()) {
      throw ActuatorException.permanent("'" + secret + "' is not a valid Secret name");
    }
    return secret;
  }

  /** The password Secret of {@code release}: {@code <release>-auth}. */
  static String secretOf(String release) {
    return secret(release(release) + SECRET_SUFFIX);
  }
}
