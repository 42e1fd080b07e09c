package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void mergesObjectsRemovesNullsAndReplacesArrays() throws Exception {
    JsonNode original =
        mapper.readTree(
            "{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"list\":[{\"name\":\"x\"},{\"name\":\"y\"}]}");
    JsonNode patch =
        mapper.readTree("{\"a\":\"z\",\"c\":{\"f\":null},\"list\":[{\"name\":\"y\"}]}");

    JsonNode result = JsonMergePatch.apply(original, patch);

    assertThat(result)
        .isEqualTo(
            mapper.readTree("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"list\":[{\"name\":\"y\"}]}"));
    assertThat(original.path("c").has("f")).isTrue();
  }
}
