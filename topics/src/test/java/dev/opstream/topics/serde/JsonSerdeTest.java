package dev.opstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.RecordTypes;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.TimerKind;
import dev.opstream.topics.records.VersionedRecord;
import dev.opstream.topics.serde.RecordReadException.Reason;
import dev.opstream.topics.testing.RecordSamples;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSerdeTest {

  private final JsonSerde<DeploymentEvent> deployments = JsonSerde.of(DeploymentEvent.class);
  private final JsonSerde<Action> actions = JsonSerde.of(Action.class);

  static Iterable<VersionedRecord> samples() {
    return RecordSamples.all();
  }

  @Test
  void samplesCoverEveryRecordType() {
    assertThat(RecordSamples.all().stream().map(Object::getClass).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            RecordTypes.all().stream().map(RecordTypes.RecordType::javaType).toList());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyRecordTypeSurvivesARoundTripThroughItsTopicsSerde(VersionedRecord sample) {
    Topic<?, ?> topic = topicOf(sample);
    assertThat(roundTrip(topic, sample)).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyRecordTypeSurvivesARoundTripThroughItsOwnSerde(VersionedRecord sample) {
    @SuppressWarnings("unchecked")
    JsonSerde<VersionedRecord> serde = (JsonSerde<VersionedRecord>) JsonSerde.of(sample.getClass());
    byte[] bytes = serde.serializer().serialize("t", sample);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void writesOnlyTheRecordComponentsAndTheFamilyType(VersionedRecord sample) throws Exception {
    JsonNode json = Json.newMapper().readTree(serialize(topicOf(sample), sample));
    Set<String> fields = new HashSet<>();
    json.fieldNames().forEachRemaining(fields::add);
    Set<String> allowed =
        Arrays.stream(sample.getClass().getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toCollection(HashSet::new));
    allowed.add("type");
    assertThat(allowed).containsAll(fields);
    assertThat(fields).contains("schemaVersion");
  }

  @Test
  void writesTimestampsAsIsoStringsAndKeysAsText() throws Exception {
    JsonNode json =
        Json.newMapper().readTree(serialize(Topics.DEPLOYMENTS, RecordSamples.observed()));
    assertThat(json.get("observedAt").asText()).isEqualTo("2026-11-22T10:15:30.123456789Z");
    assertThat(json.get("app").asText()).isEqualTo("prod-eu/shop/cart");
    assertThat(json.get("type").asText()).isEqualTo("DeploymentObserved");
    assertThat(json.get("annotations").has("kubectl.kubernetes.io/last-applied-configuration"))
        .as("only opstream.dev/* annotations are kept")
        .isFalse();
  }

  @Test
  void readsARecordFromANewerWriterThatAddedAField() throws Exception {
    ObjectNode json = (ObjectNode) Json.newMapper().readTree(serialize(Topics.RESULTS, result()));
    json.put("durationMs", 1234);
    json.putObject("tracing").put("traceId", "abc");

    ActionResult read = read(Topics.RESULTS, json);

    assertThat(read).isEqualTo(result());
  }

  @Test
  void tombstoneReadsAsNull() {
    assertThat(deployments.deserializer().deserialize("t", null)).isNull();
    assertThat(deployments.serializer().serialize("t", null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "uid", "observedAt", "generation", "schemaVersion", "type"})
  void missingRequiredFieldIsAMissingFieldError(String field) throws Exception {
    ObjectNode json = tree(Topics.DEPLOYMENTS, RecordSamples.observed());
    json.remove(field);

    assertThatThrownBy(() -> read(Topics.DEPLOYMENTS, json))
        .asInstanceOf(type(RecordReadException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
              assertThat(e.detail()).contains(field);
              assertThat(e.topic()).contains(Topics.DEPLOYMENTS.name());
            });
  }

  @Test
  void explicitNullInARequiredFieldIsAMissingFieldError() throws Exception {
    ObjectNode json = tree(Topics.RESULTS, result());
    json.putNull("actionId");
    assertReason(() -> read(Topics.RESULTS, json), Reason.MISSING_FIELD);
  }

  @Test
  void explicitNullInARequiredNumberIsAMissingFieldError() throws Exception {
    ObjectNode json = tree(Topics.DEPLOYMENTS, RecordSamples.observed());
    json.putNull("generation");
    assertReason(() -> read(Topics.DEPLOYMENTS, json), Reason.MISSING_FIELD);
  }

  @Test
  void missingFieldInANestedSpecIsAMissingFieldError() throws Exception {
    ObjectNode json = tree(Topics.ACTIONS_BUCKET, RecordSamples.ensureBucket());
    ((ObjectNode) json.get("spec")).remove("onDelete");
    assertReason(() -> read(Topics.ACTIONS_BUCKET, json), Reason.MISSING_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage \u0000\u00ff", "{\"schemaVersion\":1", "", "[1,2]", "42"})
  void bytesThatAreNotAJsonObjectAreNotJson(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    assertReason(() -> deployments.deserializer().deserialize("t", bytes), Reason.NOT_JSON);
  }

  @Test
  void duplicateKeysAreNotJson() {
    byte[] bytes = "{\"schemaVersion\":1,\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);
    assertReason(() -> actions.deserializer().deserialize("t", bytes), Reason.NOT_JSON);
  }

  @Test
  void newerSchemaVersionIsAnUnknownSchemaVersionError() throws Exception {
    ObjectNode json = tree(Topics.ACTIONS_BUCKET, RecordSamples.ensureBucket());
    json.put("schemaVersion", 99);
    assertReason(() -> read(Topics.ACTIONS_BUCKET, json), Reason.UNKNOWN_SCHEMA_VERSION);
  }

  @Test
  void newerSchemaVersionWinsOverFieldsItRenamed() throws Exception {
    ObjectNode json =
        tree(
            Topics.TIMERS,
            TimerFired.of(
                RecordSamples.APP, TimerKind.RETRY, null, RecordSamples.T0, RecordSamples.T1));
    json.put("schemaVersion", 99);
    json.remove("dueAt");
    json.put("due", "2026-11-22T10:00:00Z");
    assertReason(() -> read(Topics.TIMERS, json), Reason.UNKNOWN_SCHEMA_VERSION);
  }

  @Test
  void newerSchemaVersionIsRejectedByAConcreteTypesSerdeToo() throws Exception {
    ObjectNode json = tree(Topics.STATUS, status());
    json.put("schemaVersion", 2);
    assertReason(() -> read(Topics.STATUS, json), Reason.UNKNOWN_SCHEMA_VERSION);
  }

  @Test
  void schemaVersionZeroIsAnInvalidValue() throws Exception {
    ObjectNode json = tree(Topics.STATUS, status());
    json.put("schemaVersion", 0);
    assertReason(() -> read(Topics.STATUS, json), Reason.INVALID_VALUE);
  }

  @Test
  void unknownActionTypeIsAnUnknownTypeError() throws Exception {
    ObjectNode json = tree(Topics.ACTIONS_BUCKET, RecordSamples.ensureBucket());
    json.put("type", "EnsureKafkaCluster");
    assertReason(() -> read(Topics.ACTIONS_BUCKET, json), Reason.UNKNOWN_TYPE);
  }

  @Test
  void actionTypeThatDoesNotFitTheConcreteSerdeIsAnUnknownTypeError() throws Exception {
    ObjectNode json = tree(Topics.ACTIONS_BUCKET, RecordSamples.ensureBucket());
    json.put("type", "DeleteBucket");
    JsonSerde<EnsureBucket> serde = JsonSerde.of(EnsureBucket.class);
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    assertReason(() -> serde.deserializer().deserialize("t", bytes), Reason.UNKNOWN_TYPE);
  }

  @Test
  void badAppKeyIsAnInvalidValue() throws Exception {
    ObjectNode json = tree(Topics.DEPLOYMENTS, RecordSamples.observed());
    json.put("app", "Prod/shop");
    assertReason(() -> read(Topics.DEPLOYMENTS, json), Reason.INVALID_VALUE);
  }

  @Test
  void unknownEnumValueIsAnInvalidValue() throws Exception {
    ObjectNode json = tree(Topics.RESULTS, result());
    json.put("outcome", "EXPLODED");
    assertReason(() -> read(Topics.RESULTS, json), Reason.INVALID_VALUE);
  }

  @Test
  void wrongShapeIsAnInvalidValue() throws Exception {
    ObjectNode json = tree(Topics.DEPLOYMENTS, RecordSamples.observed());
    json.put("labels", "not-a-map");
    assertReason(() -> read(Topics.DEPLOYMENTS, json), Reason.INVALID_VALUE);
  }

  @Test
  void failedResultWithoutErrorTextIsAMissingField() throws Exception {
    ObjectNode json = tree(Topics.RESULTS, result());
    json.put("outcome", "FAILED_PERMANENT");
    assertReason(() -> read(Topics.RESULTS, json), Reason.MISSING_FIELD);
  }

  @Test
  void readErrorIsAKafkaSerializationExceptionSoConsumersAndStreamsCanRouteIt() {
    byte[] garbage = {1, 2, 3};
    assertThatThrownBy(() -> deployments.deserializer().deserialize("t", garbage))
        .isInstanceOf(SerializationException.class);
  }

  private static ActionResult result() {
    return (ActionResult)
        RecordSamples.all().stream().filter(ActionResult.class::isInstance).findFirst().get();
  }

  private static AppStatus status() {
    return (AppStatus)
        RecordSamples.all().stream().filter(AppStatus.class::isInstance).findFirst().get();
  }

  private static void assertReason(ThrowingCallable read, Reason reason) {
    assertThatThrownBy(read)
        .isInstanceOf(RecordReadException.class)
        .satisfies(e -> assertThat(((RecordReadException) e).reason()).isEqualTo(reason));
  }

  static Topic<?, ?> topicOf(VersionedRecord sample) {
    if (sample instanceof DeploymentEvent) {
      return Topics.DEPLOYMENTS;
    }
    if (sample instanceof Action action) {
      return action.kind().topic();
    }
    if (sample instanceof ActionResult) {
      return Topics.RESULTS;
    }
    if (sample instanceof TimerFired) {
      return Topics.TIMERS;
    }
    return Topics.STATUS;
  }

  @SuppressWarnings("unchecked")
  private static <V> byte[] serialize(Topic<?, V> topic, Object value) {
    return topic.valueSerde().serializer().serialize(topic.name(), (V) value);
  }

  private static <V> Object roundTrip(Topic<?, V> topic, Object value) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), serialize(topic, value));
  }

  private static ObjectNode tree(Topic<?, ?> topic, Object value) throws Exception {
    return (ObjectNode) Json.newMapper().readTree(serialize(topic, value));
  }

  private static <V> V read(Topic<?, V> topic, JsonNode json) {
    return topic
        .valueSerde()
        .deserializer()
        .deserialize(topic.name(), json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
