package dev.opstream.actuator.cronjob;

import dev.opstream.actuator.runner.ActuatorException;
import java.util.regex.Pattern;

/** Checks the names an action carries before they reach the API server. */
final class CronJobNames {

  /** The controller appends 11 characters to name each Job, and Job names stop at 63. */
  static final int CRONJOB_MAX_LENGTH = 52;

  static final int RELEASE_MAX_LENGTH = 53;

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private CronJobNames() {}

  static String cronJob(String name) {
    if (name == null
        || name.length() > CRONJOB_MAX_LENGTH
        || !DNS_1123_LABEL.matcher(name).matches()) {
      throw ActuatorException.permanent(
          "'"
              + name
              + "' is not a valid CronJob name (lower-case letters, digits and '-', at most "
              + CRONJOB_MAX_LENGTH
              + " characters)");
    }
    return name;
  }

  static String release(String release) {
    if (release == null
        || release.length() > RELEASE_MAX_LENGTH
        || !DNS_1035_LABEL.matcher(release).matches()) {
      throw ActuatorException.permanent("'" + release + "' is not a valid Redis release name");
    }
    return release;
  }
}
