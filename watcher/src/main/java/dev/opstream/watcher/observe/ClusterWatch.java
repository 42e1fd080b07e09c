package dev.opstream.watcher.observe;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.watcher.WatcherMetrics;
import dev.opstream.watcher.publish.Outbox;
import dev.opstream.watcher.publish.Publication;
import dev.opstream.watcher.report.DeploymentLookup;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one cluster (one on all namespaces, or one per watched namespace), feeding a
 * {@link ClusterView} and, while this replica publishes for the cluster, the {@link Outbox}. All
 * callbacks and resyncs are serialised on this object.
 *
 * <p>While it does not publish (another replica leads), the view still follows the cluster, so that
 * it can publish everything at once when it takes over.
 */
public final class ClusterWatch implements DeploymentLookup, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

  private final String cluster;
  private final KubernetesClient client;
  private final ClusterView view;
  private final Outbox outbox;
  private final WatcherMetrics metrics;
  private final Clock clock;
  private final Map<String, SharedIndexInformer<Deployment>> informers = new LinkedHashMap<>();
  private boolean publishing;

  public ClusterWatch(
      String cluster,
      KubernetesClient client,
      WatchScope scope,
      Outbox outbox,
      WatcherMetrics metrics,
      Clock clock) {
    this.cluster = cluster;
    this.client = client;
    this.view = new ClusterView(cluster, scope);
    this.outbox = outbox;
    this.metrics = metrics;
    this.clock = clock;
  }

  public String cluster() {
    return cluster;
  }

  /** Starts the informers; they list, then watch, and retry on their own when the API fails. */
  public void start() {
    for (String source : view.sources()) {
      SharedIndexInformer<Deployment> informer =
          source.equals(ClusterView.ALL_NAMESPACES)
              ? client.apps().deployments().inAnyNamespace().runnableInformer(0)
              : client.apps().deployments().inNamespace(source).runnableInformer(0);
      informer.addEventHandler(new Handler(source));
      informer.exceptionHandler(
          (started, failure) -> {
            LOG.warn(
                "Informer on Deployments of {}{} failed, retrying: {}",
                cluster,
                source.isEmpty() ? "" : "/" + source,
                failure.toString());
            return true;
          });
      informers.put(source, informer);
      informer.start();
    }
    LOG.info("Watching Deployments of cluster {} in {}", cluster, describe(view.scope()));
  }

  /** Whether every informer has completed its first list and the view has taken it in. */
  public synchronized boolean synced() {
    return view.synced();
  }

  /** Starts publishing (this replica leads the cluster): everything known goes out again. */
  public synchronized void startPublishing() {
    if (publishing) {
      return;
    }
    publishing = true;
    LOG.info("Publishing Deployments of cluster {}", cluster);
    emit(view.resync(UUID.randomUUID().toString(), clock.instant()));
  }

  /** Stops publishing (another replica leads): what is unsent about the cluster is dropped. */
  public synchronized void stopPublishing() {
    if (!publishing) {
      return;
    }
    publishing = false;
    outbox.dropCluster(cluster);
    LOG.info("Stopped publishing Deployments of cluster {}", cluster);
  }

  public synchronized boolean publishing() {
    return publishing;
  }

  /** Publishes every Deployment again and a snapshot (when synced and publishing). */
  public synchronized void resync() {
    if (!publishing || !view.synced()) {
      return;
    }
    List<Publication> publications = view.resync(UUID.randomUUID().toString(), clock.instant());
    metrics.resynced(cluster);
    LOG.info("Resync of cluster {}: publishing {} Deployments again", cluster, view.size());
    emit(publications);
  }

  /** How many Deployments the watcher knows in this cluster. */
  public synchronized int known() {
    return view.size();
  }

  @Override
  public Optional<Deployment> find(String namespace, String name) {
    SharedIndexInformer<Deployment> informer =
        informers.getOrDefault(namespace, informers.get(ClusterView.ALL_NAMESPACES));
    if (informer == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }

  private void emit(List<Publication> publications) {
    if (publishing && !publications.isEmpty()) {
      outbox.addAll(publications);
    }
  }

  private static String describe(WatchScope scope) {
    return scope.allNamespaces() ? "all namespaces" : "namespaces " + scope.namespaces();
  }

  /** One informer's callbacks. */
  private final class Handler implements ResourceEventHandler<Deployment> {

    private final String source;

    Handler(String source) {
      this.source = source;
    }

    @Override
    public void onBeforeList(String lastSyncResourceVersion) {
      synchronized (ClusterWatch.this) {
        view.listStarted(source);
      }
    }

    @Override
    public void onList(String resourceVersion, boolean remainedEmpty) {
      synchronized (ClusterWatch.this) {
        List<Publication> publications =
            view.listCompleted(source, UUID.randomUUID().toString(), clock.instant());
        emit(publications);
        LOG.info(
            "Listed Deployments of {}{} at resourceVersion {}: {} known",
            cluster,
            source.isEmpty() ? "" : "/" + source,
            resourceVersion,
            view.size());
      }
      metrics.relisted(cluster);
    }

    @Override
    public void onAdd(Deployment deployment) {
      upsert(deployment);
      metrics.observed(cluster, "added");
    }

    @Override
    public void onUpdate(Deployment before, Deployment after) {
      upsert(after);
      metrics.observed(cluster, "updated");
    }

    @Override
    public void onDelete(Deployment deployment, boolean finalStateUnknown) {
      try {
        AppKey app = DeploymentStates.key(cluster, deployment);
        synchronized (ClusterWatch.this) {
          List<Publication> publications =
              view.delete(
                  app,
                  deployment.getMetadata().getUid(),
                  deployment.getMetadata().getResourceVersion(),
                  clock.instant());
          emit(publications);
        }
        LOG.info("{}: deleted{}", app, finalStateUnknown ? " (found missing on relist)" : "");
      } catch (RuntimeException e) {
        LOG.error("Cannot handle the deletion of a Deployment in {}", cluster, e);
      }
      metrics.observed(cluster, "deleted");
    }

    private void upsert(Deployment deployment) {
      try {
        synchronized (ClusterWatch.this) {
          List<Publication> publications =
              view.upsert(DeploymentStates.observed(cluster, deployment, clock.instant()));
          emit(publications);
          if (!publications.isEmpty()) {
            LOG.debug("{}: relevant change", publications.get(0));
          }
        }
      } catch (RuntimeException e) {
        LOG.error(
            "Cannot handle Deployment {}/{} in {}",
            deployment.getMetadata().getNamespace(),
            deployment.getMetadata().getName(),
            cluster,
            e);
      }
    }
  }
}
