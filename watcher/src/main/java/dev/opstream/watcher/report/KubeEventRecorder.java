package dev.opstream.watcher.report;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core v1 Events on Deployments, the kind {@code kubectl describe deployment} lists: {@code
 * involvedObject} names the Deployment (with its uid), {@code source.component} is {@code
 * opstream-watcher}.
 */
public final class KubeEventRecorder {

  /** The component named in every Event. */
  public static final String COMPONENT = "opstream-watcher";

  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;
  private final AtomicLong lastNanos = new AtomicLong();

  public KubeEventRecorder(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
  }

  /** Creates the Event; throws the client's exception when the API refuses. */
  public Event record(Deployment deployment, EventNote note) {
    ObjectMeta meta = deployment.getMetadata();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String timestamp = DateTimeFormatter.ISO_INSTANT.format(now);
    String prefix =
        meta.getName().length() > 200 ? meta.getName().substring(0, 200) : meta.getName();
    String name = prefix + "." + Long.toHexString(uniqueNanos());
    String message =
        note.message().length() > MAX_MESSAGE
            ? note.message().substring(0, MAX_MESSAGE - 3) + "..."
            : note.message();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withNamespace(meta.getNamespace())
            .withName(meta.getName())
            .withUid(meta.getUid())
            .withResourceVersion(meta.getResourceVersion())
            .endInvolvedObject()
            .withType(note.type())
            .withReason(note.reason())
            .withMessage(message)
            .withCount(1)
            .withFirstTimestamp(timestamp)
            .withLastTimestamp(timestamp)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .build();
    return client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
  }

  /** The clock in nanoseconds since the epoch, strictly increasing: names like kubectl's. */
  private long uniqueNanos() {
    Instant exact = clock.instant();
    long nanos = exact.getEpochSecond() * 1_000_000_000L + exact.getNano();
    return lastNanos.updateAndGet(last -> Math.max(last + 1, nanos));
  }
}
