package dev.opstream.actuator.runner.clusters;

import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.ClusterClients;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ClusterClients} from a kubeconfig: the cluster named in an app's key is served by the
 * kubeconfig context of the same name, and optionally the cluster the actuator runs in by its
 * service account, under a configured name. Clients are created on first use and kept until {@link
 * #close()}. An unknown cluster is a permanent failure that names the known ones.
 *
 * <p>{@link #kubeconfigFor(String)} gives the same access as a kubeconfig document for tools that
 * only read kubeconfigs (Helm): one cluster, user and context, with relative file paths made
 * absolute.
 */
public final class KubeconfigClusterClients implements ClusterClients {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Optional<Path> kubeconfigFile;
  private final Optional<String> kubeconfigText;
  private final Config kubeconfig;
  private final Optional<String> inClusterName;
  private final ClusterAccess.InCluster inCluster;
  private final SortedSet<String> clusters;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  private KubeconfigClusterClients(
      Optional<Path> kubeconfigFile,
      Optional<String> kubeconfigText,
      Config kubeconfig,
      Optional<String> inClusterName,
      ClusterAccess.InCluster inCluster) {
    this.kubeconfigFile = kubeconfigFile;
    this.kubeconfigText = kubeconfigText;
    this.kubeconfig = kubeconfig;
    this.inClusterName = inClusterName;
    this.inCluster = inCluster;
    TreeSet<String> names = new TreeSet<>();
    for (NamedContext context : kubeconfig.getContexts()) {
      names.add(context.getName());
    }
    inClusterName.ifPresent(
        name -> {
          if (names.contains(name)) {
            throw new IllegalArgumentException(
                "cluster '"
                    + name
                    + "' is both the in-cluster name and a context of the kubeconfig: rename one");
          }
          names.add(name);
        });
    this.clusters = Collections.unmodifiableSortedSet(names);
  }

  /**
   * Reads the kubeconfig (if configured) and checks the configuration; no connection is made.
   *
   * @throws IllegalArgumentException when the kubeconfig cannot be read or names clash
   */
  public static KubeconfigClusterClients create(ClusterAccess access) {
    Optional<String> text = access.kubeconfig().map(KubeconfigClusterClients::read);
    Config parsed =
        text.map(KubeconfigClusterClients::parse)
            .orElseGet(() -> new ConfigBuilder().withContexts(List.of()).build());
    return new KubeconfigClusterClients(
        access.kubeconfig().map(Path::toAbsolutePath),
        text,
        parsed,
        access.inClusterName(),
        access.inCluster());
  }

  /** The names of the clusters this instance can reach, sorted. */
  public SortedSet<String> clusters() {
    return clusters;
  }

  @Override
  public KubernetesClient forCluster(String cluster) {
    requireKnown(cluster);
    return clients.computeIfAbsent(
        cluster, name -> new KubernetesClientBuilder().withConfig(clientConfig(name)).build());
  }

  /**
   * A kubeconfig document for {@code cluster} alone (its context is the current one), for Helm. It
   * holds the same credentials as the source kubeconfig: never log it.
   *
   * @throws ActuatorException permanent, naming the known clusters, when the cluster is unknown
   */
  public String kubeconfigFor(String cluster) {
    requireKnown(cluster);
    if (inClusterName.filter(cluster::equals).isPresent()) {
      return inClusterKubeconfig(cluster);
    }
    NamedContext context = context(cluster);
    String clusterName = context.getContext().getCluster();
    String userName = context.getContext().getUser();
    List<NamedCluster> namedClusters = new ArrayList<>();
    for (NamedCluster c : kubeconfig.getClusters()) {
      if (c.getName().equals(clusterName)) {
        Cluster copy = SERIALIZATION.clone(c.getCluster());
        copy.setCertificateAuthority(absolute(copy.getCertificateAuthority()));
        namedClusters.add(new NamedCluster(copy, c.getName()));
      }
    }
    List<NamedAuthInfo> users = new ArrayList<>();
    for (NamedAuthInfo u : kubeconfig.getUsers()) {
      if (u.getName().equals(userName)) {
        AuthInfo copy = SERIALIZATION.clone(u.getUser());
        copy.setClientCertificate(absolute(copy.getClientCertificate()));
        copy.setClientKey(absolute(copy.getClientKey()));
        copy.setTokenFile(absolute(copy.getTokenFile()));
        if (copy.getExec() != null
            && copy.getExec().getCommand() != null
            && copy.getExec().getCommand().contains("/")) {
          // client-go runs a relative exec plugin path relative to the kubeconfig's directory
          copy.getExec().setCommand(absolute(copy.getExec().getCommand()));
        }
        users.add(new NamedAuthInfo(u.getName(), copy));
      }
    }
    Config single =
        new ConfigBuilder()
            .withApiVersion("v1")
            .withKind("Config")
            .withClusters(namedClusters)
            .withUsers(users)
            .withContexts(List.of(context))
            .withCurrentContext(cluster)
            .build();
    return SERIALIZATION.asYaml(single);
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }

  private void requireKnown(String cluster) {
    if (cluster == null || !clusters.contains(cluster)) {
      throw ActuatorException.permanent(
          "unknown cluster '"
              + cluster
              + "': this actuator knows "
              + (clusters.isEmpty() ? "no clusters" : "only " + String.join(", ", clusters))
              + " (kubeconfig contexts"
              + inClusterName.map(n -> " and the in-cluster name " + n).orElse("")
              + "); add a context named '"
              + cluster
              + "' to its kubeconfig");
    }
  }

  private io.fabric8.kubernetes.client.Config clientConfig(String cluster) {
    if (inClusterName.filter(cluster::equals).isPresent()) {
      Path tokenFile = inCluster.tokenFile();
      return new io.fabric8.kubernetes.client.ConfigBuilder(
              io.fabric8.kubernetes.client.Config.empty())
          .withMasterUrl(inCluster.url())
          .withCaCertFile(inCluster.caFile().toString())
          .withOauthTokenProvider(() -> read(tokenFile).strip())
          .build();
    }
    return io.fabric8.kubernetes.client.Config.fromKubeconfig(
        cluster, kubeconfigText.orElseThrow(), kubeconfigFile.map(Path::toString).orElse(null));
  }

  private String inClusterKubeconfig(String cluster) {
    Map<String, Object> clusterEntry = new LinkedHashMap<>();
    clusterEntry.put("server", inCluster.url());
    clusterEntry.put("certificate-authority", inCluster.caFile().toString());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Config");
    doc.put("clusters", List.of(Map.of("name", cluster, "cluster", clusterEntry)));
    doc.put(
        "users",
        List.of(
            Map.of(
                "name", cluster, "user", Map.of("tokenFile", inCluster.tokenFile().toString()))));
    doc.put(
        "contexts",
        List.of(Map.of("name", cluster, "context", Map.of("cluster", cluster, "user", cluster))));
    doc.put("current-context", cluster);
    return SERIALIZATION.asYaml(doc);
  }

  private NamedContext context(String name) {
    return kubeconfig.getContexts().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private String absolute(String file) {
    if (file == null || file.isEmpty() || kubeconfigFile.isEmpty()) {
      return file;
    }
    Path path = Path.of(file);
    return path.isAbsolute() ? file : kubeconfigFile.get().resolveSibling(path).toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Config parse(String text) {
    try {
      Config config = KubeConfigUtils.parseConfigFromString(text);
      if (config.getContexts() == null) {
        config.setContexts(List.of());
      }
      if (config.getClusters() == null) {
        config.setClusters(List.of());
      }
      if (config.getUsers() == null) {
        config.setUsers(List.of());
      }
      return config;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the kubeconfig cannot be parsed: " + e.getMessage(), e);
    }
  }
}
