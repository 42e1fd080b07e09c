package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void matchesNestedFieldsWithEqualsAndNotEquals() throws Exception {
    JsonNode event =
        mapper.readTree("{\"type\":\"Warning\",\"involvedObject\":{\"name\":\"web\"}}");

    assertThat(FieldSelector.parse("involvedObject.name=web").matches(event)).isTrue();
    assertThat(FieldSelector.parse("involvedObject.name==web,type!=Normal").matches(event))
        .isTrue();
    assertThat(FieldSelector.parse("involvedObject.name=api").matches(event)).isFalse();
    assertThat(FieldSelector.parse("type!=Warning").matches(event)).isFalse();
  }

  @Test
  void aMissingFieldIsTheEmptyString() throws Exception {
    JsonNode event = mapper.readTree("{\"type\":\"Normal\"}");

    assertThat(FieldSelector.parse("reason=").matches(event)).isTrue();
    assertThat(FieldSelector.parse("reason=Created").matches(event)).isFalse();
  }
}
