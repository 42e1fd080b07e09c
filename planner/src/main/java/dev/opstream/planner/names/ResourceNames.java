package dev.opstream.planner.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of an app's resources: its S3 bucket, and in its namespace the Helm release of its
 * Redis, the Redis password Secret and the backup CronJob.
 *
 * <p>These names are a contract with the world: buckets and Secrets outlive opstream releases and
 * are adopted again by name, so the rules below must never change. Every function is total (any
 * strings give valid names) and deterministic.
 *
 * <h2>Bucket: {@code <prefix>-<cluster>-<namespace>-<name>}</h2>
 *
 * S3 rules: 3 to 63 characters of {@code [a-z0-9.-]}, starting and ending with a letter or digit,
 * no {@code ..}, not shaped like an IP address, not starting with {@code xn--}, {@code sthree-} or
 * {@code amzn-s3-demo-}, not ending with {@code -s3alias}, {@code --ol-s3}, {@code .mrap}, {@code
 * --x-s3} or {@code --table-s3}. Dots are never used: they break TLS for virtual-hosted style URLs
 * (the certificate {@code *.s3.amazonaws.com} covers one label) and S3 Transfer Acceleration
 * refuses them.
 *
 * <ul>
 *   <li><b>Plain</b> when the prefix is lower-case letters and digits in hyphen-separated words,
 *       cluster, namespace and name are lower-case letters and digits only, and the result is a
 *       valid bucket name: {@code opstream-prod-shop-cart}. Such names contain no {@code --}, and
 *       they are unambiguous: the last three words are cluster, namespace and name.
 *   <li><b>Shortened</b> otherwise: {@code <readable>--<hash>}, where {@code <hash>} is the stable
 *       hash (see below) of the four parts as given and {@code <readable>} is each part
 *       lower-cased, with every run of other characters turned into one {@code -}, joined by {@code
 *       -} and cut to fit 63 characters (prefixed with {@code b-} if it would start a reserved
 *       prefix). Joining parts that contain hyphens is ambiguous ({@code a-b/c} and {@code a/b-c}),
 *       and sanitizing or cutting loses information; the hash keeps such names apart. A shortened
 *       name always contains {@code --} and a plain one never does, so the two kinds cannot
 *       collide.
 * </ul>
 *
 * <p>The stable hash: the first 10 characters of the lower-case base32 (RFC 4648) form of SHA-256
 * over the parts, each written as {@code <UTF-8 byte length>:<UTF-8 bytes>}.
 *
 * <h2>Kubernetes names: {@code <stem>-redis}, {@code <stem>-redis-auth}, {@code
 * <stem>-redis-backup}</h2>
 *
 * All three are DNS-1035 labels ({@code [a-z]([-a-z0-9]*[a-z0-9])?}), the strictest Kubernetes
 * rule, because the Redis chart names its Services after the release and a Service name must be
 * one. The limits: a Helm release name has at most 53 characters (Helm keeps 10 for suffixes its
 * charts add), a CronJob name at most 52 (the controller appends 11 characters to name each Job,
 * and Job names stop at 63), a Secret name 63 here (a label). One stem serves all three, so an
 * app's resources look alike; it fits the tightest limit: 52 - "-redis-backup".length() = 39.
 *
 * <ul>
 *   <li>The stem is the Deployment's name when that is a DNS-1035 label of at most 39 characters
 *       without {@code --}: {@code cart-redis}, {@code cart-redis-auth}, {@code cart-redis-backup}.
 *   <li>Otherwise (too long, dots, starting with a digit, {@code --}) it is {@code
 *       <readable>--<hash>}: the name sanitized as above, prefixed with {@code app-} unless it
 *       starts with a letter, cut to 27 characters, and the stable hash of the name. Stems of the
 *       first kind never contain {@code --}, so within a namespace no two Deployments share names.
 *       The namespace is not part of these names: they live in it.
 * </ul>
 *
 * @param bucket the S3 bucket
 * @param helmRelease the Helm release of the app's Redis
 * @param redisSecret the Secret that holds the Redis password
 * @param backupCronJob the CronJob that backs Redis up into the bucket
 */
public record ResourceNames(
    String bucket, String helmRelease, String redisSecret, String backupCronJob) {

  /** S3's limit for bucket names. */
  public static final int BUCKET_MAX_LENGTH = 63;

  /** Helm's limit for release names. */
  public static final int HELM_RELEASE_MAX_LENGTH = 53;

  /** Kubernetes' limit for CronJob names. */
  public static final int CRONJOB_MAX_LENGTH = 52;

  /** The DNS label limit, which the Secret name keeps to. */
  public static final int SECRET_MAX_LENGTH = 63;

  static final String RELEASE_SUFFIX = "-redis";
  static final String SECRET_SUFFIX = "-redis-auth";
  static final String CRONJOB_SUFFIX = "-redis-backup";

  /** The longest stem that keeps every Kubernetes name within its limit. */
  static final int STEM_MAX_LENGTH = CRONJOB_MAX_LENGTH - CRONJOB_SUFFIX.length();

  private static final String HASH_SEPARATOR = "--";
  private static final Pattern WORDS = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
  private static final Pattern PLAIN_STEM = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final List<String> RESERVED_BUCKET_PREFIXES =
      List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_BUCKET_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  public ResourceNames {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(helmRelease, "helmRelease");
    Objects.requireNonNull(redisSecret, "redisSecret");
    Objects.requireNonNull(backupCronJob, "backupCronJob");
  }

  /**
   * The names for the app {@code cluster/namespace/name}.
   *
   * @param prefix the installation's bucket prefix (configuration), such as {@code opstream}
   * @param cluster the cluster's name as the key carries it
   * @param namespace the Deployment's namespace
   * @param name the Deployment's name
   */
  public static ResourceNames forApp(String prefix, String cluster, String namespace, String name) {
    String stem = stem(name);
    return new ResourceNames(
        bucket(prefix, cluster, namespace, name),
        stem + RELEASE_SUFFIX,
        stem + SECRET_SUFFIX,
        stem + CRONJOB_SUFFIX);
  }

  /** The app's bucket name; see the class documentation. */
  public static String bucket(String prefix, String cluster, String namespace, String name) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    String plain = String.join("-", prefix, cluster, namespace, name);
    if (WORDS.matcher(prefix).matches()
        && WORD.matcher(cluster).matches()
        && WORD.matcher(namespace).matches()
        && WORD.matcher(name).matches()
        && plain.length() <= BUCKET_MAX_LENGTH
        && !reservedForS3(plain)) {
      return plain;
    }
    List<String> words = new ArrayList<>();
    for (String part : List.of(prefix, cluster, namespace, name)) {
      String sanitized = sanitize(part);
      if (!sanitized.isEmpty()) {
        words.add(sanitized);
      }
    }
    String readable = words.isEmpty() ? "bucket" : String.join("-", words);
    String hash = StableHash.of(prefix, cluster, namespace, name);
    int room = BUCKET_MAX_LENGTH - HASH_SEPARATOR.length() - hash.length();
    String shortened = cut(readable, room) + HASH_SEPARATOR + hash;
    if (reservedForS3(shortened)) {
      shortened = cut("b-" + readable, room) + HASH_SEPARATOR + hash;
    }
    return shortened;
  }

  /** The stem of the app's Kubernetes names; see the class documentation. */
  static String stem(String name) {
    Objects.requireNonNull(name, "name");
    if (name.length() <= STEM_MAX_LENGTH
        && PLAIN_STEM.matcher(name).matches()
        && !name.contains(HASH_SEPARATOR)) {
      return name;
    }
    String readable = sanitize(name);
    if (readable.isEmpty() || readable.charAt(0) < 'a' || readable.charAt(0) > 'z') {
      readable = readable.isEmpty() ? "app" : "app-" + readable;
    }
    String hash = StableHash.of(name);
    return cut(readable, STEM_MAX_LENGTH - HASH_SEPARATOR.length() - hash.length())
        + HASH_SEPARATOR
        + hash;
  }

  /** Lower case; every run of characters other than {@code [a-z0-9]} becomes one inner hyphen. */
  private static String sanitize(String part) {
    String lower = part.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    boolean pendingHyphen = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        if (pendingHyphen && out.length() > 0) {
          out.append('-');
        }
        pendingHyphen = false;
        out.append(c);
      } else {
        pendingHyphen = true;
      }
    }
    return out.toString();
  }

  /** At most {@code max} characters, never ending with a hyphen. */
  private static String cut(String text, int max) {
    String cut = text.length() <= max ? text : text.substring(0, max);
    int end = cut.length();
    while (end > 0 && cut.charAt(end - 1) == '-') {
      end--;
    }
    return cut.substring(0, end);
  }

  private static boolean reservedForS3(String bucket) {
    return RESERVED_BUCKET_PREFIXES.stream().anyMatch(bucket::startsWith)
        || RESERVED_BUCKET_SUFFIXES.stream().anyMatch(bucket::endsWith);
  }
}
