package dev.opstream.watcher.config;

import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the watcher is told, parsed and checked once: built by {@link #fromEnv} from
 * environment variables (the chart's interface; the CLI turns its options into the same names).
 *
 * @param clusters the clusters this process watches (at least one, distinct names)
 * @param scope the namespaces watched in every cluster
 * @param kafka Kafka client properties (at least {@code bootstrap.servers})
 * @param httpPort the port of {@code /healthz}, {@code /readyz} and {@code /metrics} (0: any free)
 * @param resyncPeriod how often every Deployment and a snapshot marker are published again
 * @param leaderElection leader election among replicas
 * @param groupIdPrefix the status consumer's group id is {@code <prefix>-<cluster>}
 * @param snapshotChunkBytes the bound on the key text in one snapshot marker
 * @param reportEvents whether statuses become Kubernetes Events on the Deployments
 */
public record WatcherConfig(
    List<ClusterTarget> clusters,
    WatchScope scope,
    Map<String, String> kafka,
    int httpPort,
    Duration resyncPeriod,
    LeaderElection leaderElection,
    String groupIdPrefix,
    int snapshotChunkBytes,
    boolean reportEvents) {

  /** The kubeconfig file (default: KUBECONFIG, ~/.kube/config, then in-cluster). */
  public static final String ENV_KUBECONFIG = "OPSTREAM_WATCHER_KUBECONFIG";

  /** Comma-separated {@code context[=cluster]} entries: one watched cluster each. */
  public static final String ENV_CONTEXTS = "OPSTREAM_WATCHER_CONTEXTS";

  /** The cluster name when no context is given (or the name of the one context given). */
  public static final String ENV_CLUSTER_NAME = "OPSTREAM_CLUSTER_NAME";

  /** Comma-separated namespaces to watch; empty or unset: all namespaces. */
  public static final String ENV_NAMESPACES = "OPSTREAM_WATCHER_NAMESPACES";

  /** Kafka bootstrap servers (the same variable every opstream command reads). */
  public static final String ENV_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

  public static final String ENV_HTTP_PORT = "OPSTREAM_HTTP_PORT";
  public static final String ENV_RESYNC_PERIOD = "OPSTREAM_WATCHER_RESYNC_PERIOD";
  public static final String ENV_LEADER_ELECTION = "OPSTREAM_WATCHER_LEADER_ELECTION";
  public static final String ENV_LEASE_NAMESPACE = "OPSTREAM_WATCHER_LEASE_NAMESPACE";
  public static final String ENV_LEASE_DURATION = "OPSTREAM_WATCHER_LEASE_DURATION";
  public static final String ENV_RENEW_DEADLINE = "OPSTREAM_WATCHER_RENEW_DEADLINE";
  public static final String ENV_RETRY_PERIOD = "OPSTREAM_WATCHER_RETRY_PERIOD";
  public static final String ENV_IDENTITY = "OPSTREAM_WATCHER_IDENTITY";
  public static final String ENV_GROUP_ID_PREFIX = "OPSTREAM_WATCHER_GROUP_ID_PREFIX";
  public static final String ENV_SNAPSHOT_CHUNK_BYTES = "OPSTREAM_WATCHER_SNAPSHOT_CHUNK_BYTES";
  public static final String ENV_REPORT_EVENTS = "OPSTREAM_WATCHER_REPORT_EVENTS";

  /** Set by the chart from the downward API: the default Lease namespace and identity. */
  public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";

  public static final String ENV_POD_NAME = "POD_NAME";

  public static final Duration DEFAULT_RESYNC_PERIOD = Duration.ofMinutes(5);
  public static final int DEFAULT_HTTP_PORT = 8080;

  /** The CLI option of each variable, so that messages name both. */
  private static final Map<String, String> OPTIONS =
      Map.ofEntries(
          Map.entry(ENV_KUBECONFIG, "--kubeconfig"),
          Map.entry(ENV_CONTEXTS, "--context"),
          Map.entry(ENV_CLUSTER_NAME, "--cluster-name"),
          Map.entry(ENV_NAMESPACES, "--namespaces"),
          Map.entry(ENV_BOOTSTRAP_SERVERS, "--bootstrap-servers"),
          Map.entry(ENV_HTTP_PORT, "--http-port"),
          Map.entry(ENV_RESYNC_PERIOD, "--resync-period"),
          Map.entry(ENV_LEADER_ELECTION, "--[no-]leader-election"),
          Map.entry(ENV_LEASE_NAMESPACE, "--lease-namespace"),
          Map.entry(ENV_REPORT_EVENTS, "--[no-]events"));

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public WatcherConfig {
    clusters = List.copyOf(clusters);
    if (clusters.isEmpty()) {
      throw new WatcherConfigException("no cluster to watch");
    }
    Set<String> names = new HashSet<>();
    for (ClusterTarget cluster : clusters) {
      if (!names.add(cluster.name())) {
        throw new WatcherConfigException(
            "cluster name '"
                + cluster.name()
                + "' is given twice: each cluster needs its own name");
      }
    }
    if (scope == null) {
      throw new WatcherConfigException("no watch scope");
    }
    kafka = Map.copyOf(kafka);
    String bootstrap = kafka.get("bootstrap.servers");
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new WatcherConfigException(
          "no Kafka bootstrap servers: set --bootstrap-servers or " + ENV_BOOTSTRAP_SERVERS);
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new WatcherConfigException("HTTP port " + httpPort + " is not between 0 and 65535");
    }
    if (resyncPeriod.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new WatcherConfigException(
          "resync period " + resyncPeriod + " is too short (at least one second)");
    }
    if (groupIdPrefix == null || groupIdPrefix.isBlank()) {
      throw new WatcherConfigException("the status consumer's group id prefix is empty");
    }
    if (snapshotChunkBytes < 1024 || snapshotChunkBytes > 900 * 1024) {
      throw new WatcherConfigException(
          "snapshot chunk size "
              + snapshotChunkBytes
              + " bytes is outside 1024..921600 (records must stay below 1 MB)");
    }
  }

  /**
   * Reads the configuration from environment variables ({@code ENV_*} here); anything wrong is a
   * {@link WatcherConfigException} naming the variable.
   */
  public static WatcherConfig fromEnv(Map<String, String> env) {
    Path kubeconfig = path(env, ENV_KUBECONFIG);
    List<ClusterTarget> clusters =
        clusters(kubeconfig, text(env, ENV_CONTEXTS), text(env, ENV_CLUSTER_NAME));
    List<String> namespaces = list(text(env, ENV_NAMESPACES));
    WatchScope scope = namespaces.isEmpty() ? WatchScope.all() : namespaces(namespaces);
    Map<String, String> kafka = new LinkedHashMap<>();
    String bootstrap = text(env, ENV_BOOTSTRAP_SERVERS);
    if (bootstrap != null) {
      kafka.put("bootstrap.servers", bootstrap);
    }
    boolean leaderElection = bool(env, ENV_LEADER_ELECTION, true);
    String podNamespace = text(env, ENV_POD_NAMESPACE);
    String leaseNamespace = text(env, ENV_LEASE_NAMESPACE);
    String identity = text(env, ENV_IDENTITY);
    if (identity == null) {
      identity = text(env, ENV_POD_NAME);
    }
    if (identity == null) {
      identity = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
    LeaderElection election =
        new LeaderElection(
            leaderElection,
            leaseNamespace != null
                ? leaseNamespace
                : podNamespace != null ? podNamespace : "default",
            identity,
            duration(env, ENV_LEASE_DURATION, Duration.ofSeconds(15)),
            duration(env, ENV_RENEW_DEADLINE, Duration.ofSeconds(10)),
            duration(env, ENV_RETRY_PERIOD, Duration.ofSeconds(2)));
    String groupIdPrefix = text(env, ENV_GROUP_ID_PREFIX);
    return new WatcherConfig(
        clusters,
        scope,
        kafka,
        integer(env, ENV_HTTP_PORT, DEFAULT_HTTP_PORT),
        duration(env, ENV_RESYNC_PERIOD, DEFAULT_RESYNC_PERIOD),
        election,
        groupIdPrefix != null ? groupIdPrefix : "opstream-watcher",
        integer(env, ENV_SNAPSHOT_CHUNK_BYTES, SnapshotComplete.DEFAULT_MAX_CHUNK_BYTES),
        bool(env, ENV_REPORT_EVENTS, true));
  }

  /** A copy with more Kafka client properties (TLS, SASL, tuning); these win over the others. */
  public WatcherConfig withKafka(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(kafka);
    merged.putAll(more);
    return new WatcherConfig(
        clusters,
        scope,
        merged,
        httpPort,
        resyncPeriod,
        leaderElection,
        groupIdPrefix,
        snapshotChunkBytes,
        reportEvents);
  }

  /** A copy with another leader election setting. */
  public WatcherConfig withLeaderElection(LeaderElection election) {
    return new WatcherConfig(
        clusters,
        scope,
        kafka,
        httpPort,
        resyncPeriod,
        election,
        groupIdPrefix,
        snapshotChunkBytes,
        reportEvents);
  }

  /** The status consumer's group id for {@code cluster}. */
  public String groupId(String cluster) {
    return groupIdPrefix + "-" + cluster;
  }

  private static List<ClusterTarget> clusters(
      Path kubeconfig, String contexts, String clusterName) {
    List<String> entries = list(contexts);
    if (entries.isEmpty()) {
      if (clusterName == null) {
        throw new WatcherConfigException(
            "no cluster name: set --cluster-name (or "
                + ENV_CLUSTER_NAME
                + "), or name each --context CTX=CLUSTER (or "
                + ENV_CONTEXTS
                + "); the cluster name starts every key");
      }
      return List.of(target(clusterName, kubeconfig, null, setting(ENV_CLUSTER_NAME)));
    }
    if (clusterName != null && entries.size() > 1) {
      throw new WatcherConfigException(
          "--cluster-name ("
              + ENV_CLUSTER_NAME
              + ") names one cluster, but "
              + entries.size()
              + " contexts are given: name each one as --context CTX=CLUSTER instead");
    }
    List<ClusterTarget> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      String context = equals < 0 ? entry : entry.substring(0, equals).trim();
      String name = equals < 0 ? null : entry.substring(equals + 1).trim();
      if (context.isEmpty()) {
        throw new WatcherConfigException("context entry '" + entry + "' has no context name");
      }
      if (!seen.add(context)) {
        throw new WatcherConfigException("context '" + context + "' is given twice");
      }
      if (name == null || name.isEmpty()) {
        name = clusterName != null ? clusterName : context;
      }
      targets.add(target(name, kubeconfig, context, "--context " + entry));
    }
    return targets;
  }

  private static ClusterTarget target(String name, Path kubeconfig, String context, String from) {
    try {
      return new ClusterTarget(name, kubeconfig, context);
    } catch (WatcherConfigException e) {
      throw new WatcherConfigException(e.getMessage() + " (from " + from + ")");
    }
  }

  private static WatchScope namespaces(List<String> namespaces) {
    for (String namespace : namespaces) {
      if (!namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || namespace.length() > 63) {
        throw new WatcherConfigException(
            "namespace '"
                + namespace
                + "' in "
                + setting(ENV_NAMESPACES)
                + " is not a valid namespace");
      }
    }
    return WatchScope.namespaces(namespaces);
  }

  /** {@code --option ($VARIABLE)}, or the variable alone when no option sets it. */
  static String setting(String variable) {
    String option = OPTIONS.get(variable);
    return option == null ? variable : option + " ($" + variable + ")";
  }

  private static String text(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static List<String> list(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Path path(Map<String, String> env, String name) {
    String value = text(env, name);
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new WatcherConfigException(
          "kubeconfig " + path + " (" + setting(name) + ") does not exist or cannot be read");
    }
    return path;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = text(env, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new WatcherConfigException(setting(name) + " '" + value + "' is not a whole number");
    }
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = text(env, name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default ->
          throw new WatcherConfigException(setting(name) + " '" + value + "' is not true or false");
    };
  }

  /** ISO-8601 ({@code PT5M}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}. */
  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = text(env, name);
    if (value == null) {
      return fallback;
    }
    Matcher shortForm = SHORT_DURATION.matcher(value);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new WatcherConfigException(
          setting(name) + " '" + value + "' is not a duration (e.g. 30s, 5m, PT5M)");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "watcher";
    }
  }
}
