package dev.opstream.watcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.records.WatchScope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatcherConfigTest {

  private final Map<String, String> env =
      new HashMap<>(Map.of(WatcherConfig.ENV_BOOTSTRAP_SERVERS, "kafka:9092"));

  @Test
  void readsOneClusterFromTheCurrentContextWithDefaults() {
    env.put(WatcherConfig.ENV_CLUSTER_NAME, "eks");
    env.put(WatcherConfig.ENV_POD_NAME, "watcher-0");
    env.put(WatcherConfig.ENV_POD_NAMESPACE, "opstream");

    WatcherConfig config = WatcherConfig.fromEnv(env);

    assertThat(config.clusters()).containsExactly(new ClusterTarget("eks", null, null));
    assertThat(config.scope()).isEqualTo(WatchScope.all());
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.leaderElection().enabled()).isTrue();
    assertThat(config.leaderElection().identity()).isEqualTo("watcher-0");
    assertThat(config.leaderElection().namespace()).isEqualTo("opstream");
    assertThat(config.leaderElection().leaseName("eks")).isEqualTo("opstream-watcher-eks");
    assertThat(config.groupId("eks")).isEqualTo("opstream-watcher-eks");
    assertThat(config.reportEvents()).isTrue();
  }

  @Test
  void readsSeveralContextsNamespacesAndSettings() {
    env.put(WatcherConfig.ENV_CONTEXTS, "prod-eu=eks, local");
    env.put(WatcherConfig.ENV_NAMESPACES, "shop,batch");
    env.put(WatcherConfig.ENV_RESYNC_PERIOD, "90s");
    env.put(WatcherConfig.ENV_HTTP_PORT, "0");
    env.put(WatcherConfig.ENV_LEADER_ELECTION, "false");
    env.put(WatcherConfig.ENV_LEASE_DURATION, "PT30S");

    WatcherConfig config = WatcherConfig.fromEnv(env);

    assertThat(config.clusters())
        .containsExactly(
            new ClusterTarget("eks", null, "prod-eu"), new ClusterTarget("local", null, "local"));
    assertThat(config.scope()).isEqualTo(WatchScope.namespaces(List.of("batch", "shop")));
    assertThat(config.resyncPeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.httpPort()).isZero();
    assertThat(config.leaderElection().enabled()).isFalse();
    assertThat(config.leaderElection().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void namesTheOneContextWithTheClusterName() {
    env.put(WatcherConfig.ENV_CONTEXTS, "arn:aws:eks:eu-west-1:1234:cluster/prod");
    env.put(WatcherConfig.ENV_CLUSTER_NAME, "prod");

    assertThat(WatcherConfig.fromEnv(env).clusters())
        .containsExactly(
            new ClusterTarget("prod", null, "arn:aws:eks:eu-west-1:1234:cluster/prod"));
  }

  @Test
  void refusesAMissingClusterNameSayingHowToSetIt() {
    assertThatThrownBy(() -> WatcherConfig.fromEnv(env))
        .isInstanceOf(WatcherConfigException.class)
        .hasMessageContaining("--cluster-name")
        .hasMessageContaining(WatcherConfig.ENV_CLUSTER_NAME);
  }

  @Test
  void refusesAClusterNameThatCannotStartAKey() {
    env.put(WatcherConfig.ENV_CONTEXTS, "arn:aws:eks:eu-west-1:1234:cluster/prod");

    assertThatThrownBy(() -> WatcherConfig.fromEnv(env))
        .isInstanceOf(WatcherConfigException.class)
        .hasMessageContaining("cluster name 'arn:aws:eks:eu-west-1:1234:cluster/prod'")
        .hasMessageContaining("--context");
  }

  @Test
  void refusesTwoClustersOfTheSameName() {
    env.put(WatcherConfig.ENV_CONTEXTS, "a=eks,b=eks");

    assertThatThrownBy(() -> WatcherConfig.fromEnv(env))
        .hasMessageContaining("cluster name 'eks' is given twice");
  }

  @Test
  void refusesBadValuesNamingTheVariable() {
    env.put(WatcherConfig.ENV_CLUSTER_NAME, "eks");

    assertThatThrownBy(() -> WatcherConfig.fromEnv(with(WatcherConfig.ENV_RESYNC_PERIOD, "soon")))
        .hasMessageContaining(
            "--resync-period ($OPSTREAM_WATCHER_RESYNC_PERIOD) 'soon' is not a duration");
    assertThatThrownBy(() -> WatcherConfig.fromEnv(with(WatcherConfig.ENV_HTTP_PORT, "http")))
        .hasMessageContaining("--http-port ($OPSTREAM_HTTP_PORT) 'http' is not a whole number");
    assertThatThrownBy(() -> WatcherConfig.fromEnv(with(WatcherConfig.ENV_NAMESPACES, "Shop")))
        .hasMessageContaining("namespace 'Shop'");
    assertThatThrownBy(
            () -> WatcherConfig.fromEnv(with(WatcherConfig.ENV_KUBECONFIG, "/no/such/kubeconfig")))
        .hasMessageContaining("/no/such/kubeconfig");
    assertThatThrownBy(() -> WatcherConfig.fromEnv(with(WatcherConfig.ENV_RENEW_DEADLINE, "1m")))
        .hasMessageContaining("lease duration");
    assertThatThrownBy(() -> WatcherConfig.fromEnv(with(WatcherConfig.ENV_BOOTSTRAP_SERVERS, "")))
        .hasMessageContaining("bootstrap servers");
  }

  private Map<String, String> with(String name, String value) {
    Map<String, String> changed = new HashMap<>(env);
    changed.put(name, value);
    return changed;
  }
}
