package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProtobufBodiesTest {

  private final ProtobufBodies bodies = new ProtobufBodies(new ObjectMapper());

  @Test
  void decodesASecretLikeHelmsReleaseRecords() {
    byte[] release = {0x1f, (byte) 0x8b, 0, 1, 2, (byte) 0xff};
    byte[] metadata =
        new Message()
            .string(1, "sh.helm.release.v1.demo.v1")
            .string(3, "apps")
            .string(6, "42")
            .varint(7, 3)
            .message(8, new Message().varint(1, 1_700_000_000L).bytes())
            .message(11, entry("owner", "helm"))
            .message(11, entry("version", "1"))
            .message(12, entry("note", "x"))
            .message(
                13,
                new Message()
                    .string(1, "Deployment")
                    .string(3, "web")
                    .string(4, "uid-1")
                    .string(5, "apps/v1")
                    .varint(6, 1))
            .string(14, "example.com/keep")
            .bytes();
    byte[] secret =
        new Message()
            .message(1, metadata)
            .message(2, new Message().string(1, "release").bytes(2, release).bytes())
            .string(3, "helm.sh/release.v1")
            .bytes();

    ObjectNode json = bodies.toJson(envelope("v1", "Secret", secret));

    assertThat(json.path("kind").asText()).isEqualTo("Secret");
    assertThat(json.path("type").asText()).isEqualTo("helm.sh/release.v1");
    assertThat(Base64.getDecoder().decode(json.path("data").path("release").asText()))
        .isEqualTo(release);
    ObjectNode meta = (ObjectNode) json.path("metadata");
    assertThat(meta.path("name").asText()).isEqualTo("sh.helm.release.v1.demo.v1");
    assertThat(meta.path("namespace").asText()).isEqualTo("apps");
    assertThat(meta.path("resourceVersion").asText()).isEqualTo("42");
    assertThat(meta.path("generation").asLong()).isEqualTo(3);
    assertThat(meta.path("creationTimestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(meta.path("labels").path("owner").asText()).isEqualTo("helm");
    assertThat(meta.path("labels").path("version").asText()).isEqualTo("1");
    assertThat(meta.path("annotations").path("note").asText()).isEqualTo("x");
    assertThat(meta.path("ownerReferences").path(0).path("name").asText()).isEqualTo("web");
    assertThat(meta.path("ownerReferences").path(0).path("controller").asBoolean()).isTrue();
    assertThat(meta.path("finalizers").path(0).asText()).isEqualTo("example.com/keep");
  }

  @Test
  void decodesAConfigMapWithTextAndBinaryData() {
    byte[] configMap =
        new Message()
            .message(1, new Message().string(1, "settings").string(2, "gen-").bytes())
            .message(2, entry("colour", "blue"))
            .message(3, new Message().string(1, "blob").bytes(2, new byte[] {1, 2}).bytes())
            .varint(4, 1)
            .bytes();

    ObjectNode json = bodies.toJson(envelope("v1", "ConfigMap", configMap));

    assertThat(json.path("metadata").path("name").asText()).isEqualTo("settings");
    assertThat(json.path("metadata").path("generateName").asText()).isEqualTo("gen-");
    assertThat(json.path("data").path("colour").asText()).isEqualTo("blue");
    assertThat(json.path("binaryData").path("blob").asText()).isEqualTo("AQI=");
    assertThat(json.path("immutable").asBoolean()).isTrue();
  }

  @Test
  void skipsFieldsItDoesNotKnow() {
    byte[] configMap =
        new Message()
            .varint(99, 7)
            .message(1, new Message().string(1, "settings").string(77, "future").bytes())
            .bytes();

    assertThat(
            bodies
                .toJson(envelope("v1", "ConfigMap", configMap))
                .path("metadata")
                .path("name")
                .asText())
        .isEqualTo("settings");
  }

  @Test
  void rejectsKindsItCannotDecode() {
    assertThatThrownBy(() -> bodies.toJson(envelope("apps/v1", "Deployment", new byte[0])))
        .isInstanceOf(ProtobufBodies.UnsupportedKindException.class)
        .hasMessageContaining("apps/v1/Deployment");
  }

  @Test
  void rejectsBodiesWithoutTheMagicPrefix() {
    assertThatThrownBy(() -> bodies.toJson("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] entry(String key, String value) {
    return new Message().string(1, key).string(2, value).bytes();
  }

  private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
    byte[] unknown =
        new Message()
            .message(1, new Message().string(1, apiVersion).string(2, kind).bytes())
            .bytes(2, raw)
            .string(3, "")
            .string(4, "")
            .bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(unknown);
    return out.toByteArray();
  }

  /** Encodes protobuf messages the way Go's generated marshallers do. */
  private static final class Message {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Message varint(int field, long value) {
      tag(field, 0);
      writeVarint(value);
      return this;
    }

    Message string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Message message(int field, byte[] message) {
      return bytes(field, message);
    }

    Message message(int field, Message message) {
      return bytes(field, message.bytes());
    }

    Message bytes(int field, byte[] value) {
      tag(field, 2);
      writeVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void tag(int field, int wireType) {
      writeVarint(((long) field << 3) | wireType);
    }

    private void writeVarint(long value) {
      while ((value & ~0x7fL) != 0) {
        out.write((int) ((value & 0x7f) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }
  }
}
