package dev.opstream.watcher.observe;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.watcher.publish.Publication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the watcher knows about one cluster's Deployments, and what to publish on each informer
 * callback. Pure: no client, no Kafka, no clock (times and snapshot ids are passed in); not
 * thread-safe (the caller serialises the callbacks of all of the cluster's informers).
 *
 * <p>The informers are its <em>sources</em>: one for all namespaces, or one per watched namespace.
 * Every source lists first (start-up, or after its watch expired) and then watches. The rules:
 *
 * <ul>
 *   <li>A Deployment is published when it first appears and whenever {@link ChangeFilter} finds a
 *       relevant change; other updates only refresh what is known.
 *   <li>A deletion is published as a {@link Publication.Deleted} (marker, then tombstone).
 *   <li>When a source's list completes, every Deployment of that source that was not published
 *       since the list began is published again, then (once every source has listed at least once)
 *       a {@link Publication.Snapshot} lists every key of the cluster in scope. Before every source
 *       has listed, no snapshot is published: it would miss keys and imply their deletion.
 *   <li>A resync publishes every Deployment again and a snapshot.
 * </ul>
 */
public final class ClusterView {

  /** The source name of an informer on all namespaces. */
  public static final String ALL_NAMESPACES = "";

  private final String cluster;
  private final WatchScope scope;
  private final Map<AppKey, DeploymentObserved> current = new TreeMap<>();
  private final Map<AppKey, DeploymentObserved> published = new HashMap<>();
  private final Map<String, Set<AppKey>> publishedSinceListStarted = new HashMap<>();
  private final Set<String> listed = new HashSet<>();

  public ClusterView(String cluster, WatchScope scope) {
    this.cluster = cluster;
    this.scope = scope;
  }

  /** The informers this view expects: one per namespace of the scope, or one for all. */
  public List<String> sources() {
    return scope.allNamespaces() ? List.of(ALL_NAMESPACES) : scope.namespaces();
  }

  public String cluster() {
    return cluster;
  }

  public WatchScope scope() {
    return scope;
  }

  /** Whether every source has completed its first list. */
  public boolean synced() {
    return listed.containsAll(sources());
  }

  /** How many Deployments are known. */
  public int size() {
    return current.size();
  }

  /** The latest state seen of {@code app}. */
  public Optional<DeploymentObserved> current(AppKey app) {
    return Optional.ofNullable(current.get(app));
  }

  /** A source starts a (re)list. */
  public void listStarted(String source) {
    publishedSinceListStarted.put(source, new HashSet<>());
  }

  /** A Deployment was added or updated (seen at {@code seen.observedAt()}). */
  public List<Publication> upsert(DeploymentObserved seen) {
    if (!inScope(seen.app())) {
      return List.of();
    }
    current.put(seen.app(), seen);
    if (!ChangeFilter.isRelevantChange(published.get(seen.app()), seen)) {
      return List.of();
    }
    return List.of(publish(seen));
  }

  /** A Deployment was deleted; {@code resourceVersion} may be null. */
  public List<Publication> delete(
      AppKey app, String uid, String resourceVersion, Instant observedAt) {
    if (!inScope(app)) {
      return List.of();
    }
    DeploymentObserved last = current.remove(app);
    published.remove(app);
    Set<AppKey> since = publishedSinceListStarted.get(sourceOf(app));
    if (since != null) {
      since.remove(app);
    }
    String deletedUid = uid != null ? uid : last != null ? last.uid() : null;
    if (deletedUid == null) {
      return List.of();
    }
    return List.of(
        new Publication.Deleted(
            DeploymentDeleted.of(app, deletedUid, resourceVersion, observedAt)));
  }

  /**
   * A source's (re)list completed: its Deployments not published since the list began, then a
   * snapshot if every source has listed.
   */
  public List<Publication> listCompleted(String source, String snapshotId, Instant observedAt) {
    Set<AppKey> since = publishedSinceListStarted.getOrDefault(source, Set.of());
    List<Publication> out = new ArrayList<>();
    for (DeploymentObserved state : current.values()) {
      if (sourceOf(state.app()).equals(source) && !since.contains(state.app())) {
        out.add(publish(DeploymentStates.seenAgain(state, observedAt)));
      }
    }
    publishedSinceListStarted.remove(source);
    listed.add(source);
    if (synced()) {
      out.add(snapshot(snapshotId, observedAt));
    }
    return out;
  }

  /** Every Deployment again, then a snapshot; nothing before every source has listed. */
  public List<Publication> resync(String snapshotId, Instant observedAt) {
    if (!synced()) {
      return List.of();
    }
    List<Publication> out = new ArrayList<>();
    for (DeploymentObserved state : List.copyOf(current.values())) {
      out.add(publish(DeploymentStates.seenAgain(state, observedAt)));
    }
    out.add(snapshot(snapshotId, observedAt));
    return out;
  }

  private Publication publish(DeploymentObserved state) {
    current.put(state.app(), state);
    published.put(state.app(), state);
    Set<AppKey> since = publishedSinceListStarted.get(sourceOf(state.app()));
    if (since != null) {
      since.add(state.app());
    }
    return new Publication.Observed(state);
  }

  private Publication.Snapshot snapshot(String snapshotId, Instant observedAt) {
    return new Publication.Snapshot(snapshotId, cluster, scope, current.keySet(), observedAt);
  }

  private boolean inScope(AppKey app) {
    return app.cluster().equals(cluster) && scope.covers(app);
  }

  private String sourceOf(AppKey app) {
    return scope.allNamespaces() ? ALL_NAMESPACES : app.namespace();
  }
}
