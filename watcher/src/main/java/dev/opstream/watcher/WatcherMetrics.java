package dev.opstream.watcher;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/** The watcher's Prometheus metrics; every series is labelled with its cluster. */
public final class WatcherMetrics {

  private final PrometheusRegistry registry;
  private final Counter observed;
  private final Counter published;
  private final Counter publishFailures;
  private final Histogram publishLatency;
  private final Counter relists;
  private final Counter resyncs;
  private final Counter snapshotMarkers;
  private final Counter kubeEvents;
  private final Counter kubeEventFailures;

  public WatcherMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    observed =
        Counter.builder()
            .name("opstream_watcher_events_observed")
            .help("Informer events seen (added, updated, deleted)")
            .labelNames("cluster", "event")
            .register(registry);
    published =
        Counter.builder()
            .name("opstream_watcher_records_published")
            .help("Records Kafka acknowledged on opstream.deployments, by record type")
            .labelNames("cluster", "type")
            .register(registry);
    publishFailures =
        Counter.builder()
            .name("opstream_watcher_publish_failures")
            .help("Sends that failed and were queued again")
            .labelNames("cluster")
            .register(registry);
    publishLatency =
        Histogram.builder()
            .name("opstream_watcher_publish_latency_seconds")
            .help("From the informer event to Kafka's acknowledgement")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .labelNames("cluster")
            .register(registry);
    relists =
        Counter.builder()
            .name("opstream_watcher_relists")
            .help("Completed full lists of Deployments (start-up, expired watch)")
            .labelNames("cluster")
            .register(registry);
    resyncs =
        Counter.builder()
            .name("opstream_watcher_resyncs")
            .help("Periodic resyncs (every Deployment and a snapshot published again)")
            .labelNames("cluster")
            .register(registry);
    snapshotMarkers =
        Counter.builder()
            .name("opstream_watcher_snapshot_markers")
            .help("SnapshotComplete records Kafka acknowledged")
            .labelNames("cluster")
            .register(registry);
    kubeEvents =
        Counter.builder()
            .name("opstream_watcher_kube_events_recorded")
            .help("Kubernetes Events recorded on Deployments from status changes")
            .labelNames("cluster", "type")
            .register(registry);
    kubeEventFailures =
        Counter.builder()
            .name("opstream_watcher_kube_event_failures")
            .help("Kubernetes Events that could not be recorded")
            .labelNames("cluster")
            .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public void observed(String cluster, String event) {
    observed.labelValues(cluster, event).inc();
  }

  public void published(String cluster, String recordType) {
    published.labelValues(cluster, recordType).inc();
  }

  public void publishFailed(String cluster) {
    publishFailures.labelValues(cluster).inc();
  }

  public void publishLatency(String cluster, Duration latency) {
    publishLatency.labelValues(cluster).observe(Math.max(0, latency.toNanos()) / 1e9);
  }

  public void relisted(String cluster) {
    relists.labelValues(cluster).inc();
  }

  public void resynced(String cluster) {
    resyncs.labelValues(cluster).inc();
  }

  public void snapshotMarkers(String cluster, int count) {
    snapshotMarkers.labelValues(cluster).inc(count);
  }

  public void kubeEventRecorded(String cluster, String type) {
    kubeEvents.labelValues(cluster, type).inc();
  }

  public void kubeEventFailed(String cluster) {
    kubeEventFailures.labelValues(cluster).inc();
  }

  /** A gauge read on every scrape. */
  public void gauge(String name, String help, IntSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsInt()))
        .register(registry);
  }

  /** A gauge with one series per cluster, read on every scrape. */
  public void gaugePerCluster(String name, String help, Map<String, IntSupplier> values) {
    Consumer<GaugeWithCallback.Callback> callback =
        c -> values.forEach((cluster, value) -> c.call(value.getAsInt(), cluster));
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("cluster")
        .callback(callback)
        .register(registry);
  }
}
