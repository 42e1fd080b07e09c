package dev.opstream.topics.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Writes and reads CloudEvents attributes as Kafka headers (binary content mode). */
public final class CloudEventHeaders {

  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SPEC_VERSION = "ce_specversion";

  /** In binary mode the value's media type is the plain {@code content-type} header. */
  public static final String CONTENT_TYPE = "content-type";

  public static final String APPLICATION_JSON = "application/json";

  private CloudEventHeaders() {}

  /**
   * Replaces any CloudEvents headers in {@code headers} with {@code event}'s, plus {@code
   * content-type: application/json}; {@code time} is written in RFC 3339 (UTC).
   */
  public static Headers write(Headers headers, CloudEvent event) {
    put(headers, ID, event.id());
    put(headers, TYPE, event.type());
    put(headers, SOURCE, event.source());
    put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(event.time()));
    put(headers, SPEC_VERSION, event.specVersion());
    put(headers, CONTENT_TYPE, APPLICATION_JSON);
    return headers;
  }

  /**
   * The CloudEvents attributes in {@code headers}; empty when one of id, type, source, time or
   * specversion is missing or the time is not RFC 3339.
   */
  public static Optional<CloudEvent> read(Headers headers) {
    String id = text(headers, ID);
    String type = text(headers, TYPE);
    String source = text(headers, SOURCE);
    String time = text(headers, TIME);
    String specVersion = text(headers, SPEC_VERSION);
    if (id == null || type == null || source == null || time == null || specVersion == null) {
      return Optional.empty();
    }
    try {
      Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(time, Instant::from);
      return Optional.of(new CloudEvent(id, type, source, instant, specVersion));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The {@code ce_id} header, the value other records name in {@code causedBy}. */
  public static Optional<String> id(Headers headers) {
    return Optional.ofNullable(text(headers, ID));
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
