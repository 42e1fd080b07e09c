package dev.opstream.topics.cloudevents;

import java.time.Instant;
import java.util.Objects;

/**
 * The CloudEvents context attributes opstream puts on every record (Kafka protocol binding, binary
 * mode: the value is the event data, the attributes are {@code ce_*} headers).
 *
 * @param id unique per record, a UUID; other records name it in their {@code causedBy}
 * @param type e.g. {@code dev.opstream.deployment.observed.v1}
 * @param source the writing stage, e.g. {@code opstream/watcher/<cluster>}
 * @param time when the record was produced
 * @param specVersion always {@value #SPEC_VERSION} for records opstream writes
 */
public record CloudEvent(String id, String type, String source, Instant time, String specVersion) {

  public static final String SPEC_VERSION = "1.0";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(specVersion, "specVersion");
  }

  /** The attributes of a new event with {@link #SPEC_VERSION}. */
  public static CloudEvent of(String id, String type, String source, Instant time) {
    return new CloudEvent(id, type, source, time, SPEC_VERSION);
  }
}
