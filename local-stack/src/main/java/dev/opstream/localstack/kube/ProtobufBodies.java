package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * Turns Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) into JSON,
 * so the JSON-only CRUD mock can store them.
 *
 * <p>The body is the magic {@code k8s\0} followed by a {@code runtime.Unknown} (1: TypeMeta {1:
 * apiVersion, 2: kind}, 2: raw object bytes, 3: content encoding, 4: content type). Decoded kinds:
 * {@code Secret} (Helm's release storage), {@code ConfigMap} and {@code Namespace}. Other kinds
 * raise {@link UnsupportedKindException}.
 */
final class ProtobufBodies {

  static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private final ObjectMapper mapper;
  private final ProtobufObjectMeta objectMeta;

  ProtobufBodies(ObjectMapper mapper) {
    this.mapper = mapper;
    this.objectMeta = new ProtobufObjectMeta(mapper);
  }

  static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.toLowerCase().startsWith(CONTENT_TYPE);
  }

  /** Decodes an enveloped protobuf body into the object's JSON form. */
  ObjectNode toJson(byte[] body) {
    if (body.length < MAGIC.length) {
      throw new IllegalArgumentException("protobuf body too short");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        throw new IllegalArgumentException("protobuf body lacks the k8s\\0 prefix");
      }
    }
    byte[] unknown = java.util.Arrays.copyOfRange(body, MAGIC.length, body.length);
    ProtobufReader in = new ProtobufReader(unknown);
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (in.next()) {
      switch (in.field()) {
        case 1 -> {
          ProtobufReader typeMeta = in.message();
          while (typeMeta.next()) {
            switch (typeMeta.field()) {
              case 1 -> apiVersion = typeMeta.string();
              case 2 -> kind = typeMeta.string();
              default -> typeMeta.skip();
            }
          }
        }
        case 2 -> raw = in.bytes();
        default -> in.skip();
      }
    }
    ObjectNode object = mapper.createObjectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ProtobufReader fields = new ProtobufReader(raw);
    switch (apiVersion + "/" + kind) {
      case "v1/Secret" -> secret(fields, object);
      case "v1/ConfigMap" -> configMap(fields, object);
      case "v1/Namespace" -> namespace(fields, object);
      default -> throw new UnsupportedKindException(apiVersion, kind);
    }
    return object;
  }

  private void secret(ProtobufReader in, ObjectNode secret) {
    Base64.Encoder base64 = Base64.getEncoder();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> secret.set("metadata", objectMeta.decode(in.message()));
        case 2 ->
            ProtobufObjectMeta.bytesEntry(
                in.message(),
                (k, v) -> secret.withObjectProperty("data").put(k, base64.encodeToString(v)));
        case 3 -> {
          String type = in.string();
          if (!type.isEmpty()) {
            secret.put("type", type);
          }
        }
        case 4 ->
            ProtobufObjectMeta.stringEntry(
                in.message(), secret.withObjectProperty("stringData")::put);
        case 5 -> secret.put("immutable", in.bool());
        default -> in.skip();
      }
    }
  }

  private void configMap(ProtobufReader in, ObjectNode configMap) {
    Base64.Encoder base64 = Base64.getEncoder();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> configMap.set("metadata", objectMeta.decode(in.message()));
        case 2 ->
            ProtobufObjectMeta.stringEntry(in.message(), configMap.withObjectProperty("data")::put);
        case 3 ->
            ProtobufObjectMeta.bytesEntry(
                in.message(),
                (k, v) ->
                    configMap.withObjectProperty("binaryData").put(k, base64.encodeToString(v)));
        case 4 -> configMap.put("immutable", in.bool());
        default -> in.skip();
      }
    }
  }

  private void namespace(ProtobufReader in, ObjectNode namespace) {
    while (in.next()) {
      if (in.field() == 1) {
        namespace.set("metadata", objectMeta.decode(in.message()));
      } else {
        in.skip(); // spec.finalizers and status are the server's business
      }
    }
  }

  /** A protobuf body of a kind this decoder does not know. */
  static final class UnsupportedKindException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedKindException(String apiVersion, String kind) {
      super(
          "the local Kubernetes API server cannot decode protobuf bodies of "
              + apiVersion
              + "/"
              + kind
              + "; send it as application/json");
    }
  }
}
