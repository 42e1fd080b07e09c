package dev.opstream.planner.names;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules names must follow, written from the S3, Kubernetes and Helm documentation,
 * independently of {@link ResourceNames}: each method lists the rules a name breaks.
 */
final class NameRules {

  private NameRules() {}

  /** S3 general purpose bucket naming rules (AWS "Bucket naming rules", 2025). */
  static List<String> s3BucketViolations(String name) {
    List<String> broken = new ArrayList<>();
    if (name.length() < 3 || name.length() > 63) {
      broken.add("length " + name.length() + " outside 3-63");
    }
    if (!name.matches("[a-z0-9.-]*")) {
      broken.add("characters other than lower-case letters, digits, dots and hyphens");
    }
    if (!name.matches("[a-z0-9].*[a-z0-9]|[a-z0-9]")) {
      broken.add("does not begin and end with a letter or digit");
    }
    if (name.contains("..")) {
      broken.add("two adjacent periods");
    }
    if (name.matches("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")) {
      broken.add("formatted as an IP address");
    }
    for (String prefix : List.of("xn--", "sthree-", "amzn-s3-demo-")) {
      if (name.startsWith(prefix)) {
        broken.add("reserved prefix " + prefix);
      }
    }
    for (String suffix : List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")) {
      if (name.endsWith(suffix)) {
        broken.add("reserved suffix " + suffix);
      }
    }
    return broken;
  }

  /** RFC 1035 label as Kubernetes checks it (Service names): at most 63 characters. */
  static List<String> dns1035LabelViolations(String name, int maxLength) {
    List<String> broken = new ArrayList<>();
    if (name.isEmpty() || name.length() > maxLength) {
      broken.add("length " + name.length() + " outside 1-" + maxLength);
    }
    if (!name.matches("[a-z]([-a-z0-9]*[a-z0-9])?")) {
      broken.add("not [a-z]([-a-z0-9]*[a-z0-9])?");
    }
    return broken;
  }

  /** Helm 3's release name check (chartutil.ValidateReleaseName). */
  static List<String> helmReleaseViolations(String name) {
    List<String> broken = new ArrayList<>();
    if (name.isEmpty() || name.length() > 53) {
      broken.add("length " + name.length() + " outside 1-53");
    }
    if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
      broken.add("not a DNS-1123 subdomain");
    }
    return broken;
  }
}
