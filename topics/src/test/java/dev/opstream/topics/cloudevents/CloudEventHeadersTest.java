package dev.opstream.topics.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  private static final CloudEvent EVENT =
      CloudEvent.of(
          "5b0f4c1e-2a7f-4a5e-9f0e-0c3d9b1a2e44",
          "dev.opstream.deployment.observed.v1",
          "opstream/watcher/prod-eu",
          Instant.parse("2026-11-22T10:15:30.123Z"));

  @Test
  void writesAndReadsTheBinaryModeHeaders() {
    RecordHeaders headers = new RecordHeaders();

    CloudEventHeaders.write(headers, EVENT);

    assertThat(text(headers, "ce_id")).isEqualTo(EVENT.id());
    assertThat(text(headers, "ce_type")).isEqualTo("dev.opstream.deployment.observed.v1");
    assertThat(text(headers, "ce_source")).isEqualTo("opstream/watcher/prod-eu");
    assertThat(text(headers, "ce_time")).isEqualTo("2026-11-22T10:15:30.123Z");
    assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(text(headers, "content-type")).isEqualTo("application/json");
    assertThat(CloudEventHeaders.read(headers)).contains(EVENT);
    assertThat(CloudEventHeaders.id(headers)).contains(EVENT.id());
  }

  @Test
  void writingTwiceReplacesInsteadOfAddingHeaders() {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, EVENT);

    CloudEventHeaders.write(
        headers, CloudEvent.of("other", EVENT.type(), EVENT.source(), EVENT.time()));

    assertThat(headers.headers("ce_id")).hasSize(1);
    assertThat(CloudEventHeaders.id(headers)).contains("other");
  }

  @Test
  void readsTimesWithAnOffsetAsOtherToolsWriteThem() {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, EVENT);
    headers.remove("ce_time");
    headers.add("ce_time", "2026-11-22T11:15:30.123+01:00".getBytes(StandardCharsets.UTF_8));

    assertThat(CloudEventHeaders.read(headers)).contains(EVENT);
  }

  @Test
  void incompleteOrMalformedHeadersReadAsEmpty() {
    RecordHeaders headers = new RecordHeaders();
    assertThat(CloudEventHeaders.read(headers)).isEmpty();

    CloudEventHeaders.write(headers, EVENT);
    headers.remove("ce_source");
    assertThat(CloudEventHeaders.read(headers)).isEmpty();

    CloudEventHeaders.write(headers, EVENT);
    headers.remove("ce_time");
    headers.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
    assertThat(CloudEventHeaders.read(headers)).isEmpty();
  }

  private static String text(RecordHeaders headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
