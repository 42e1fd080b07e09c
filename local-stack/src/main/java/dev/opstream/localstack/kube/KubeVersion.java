package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes version the local API server claims in {@code /version}. Helm checks charts'
 * {@code kubeVersion} against it and kubectl warns when it is far from its own.
 */
record KubeVersion(int major, int minor, int patch) {

  static final KubeVersion DEFAULT = new KubeVersion(1, 32, 0);

  String gitVersion() {
    return "v" + major + "." + minor + "." + patch;
  }

  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("major", String.valueOf(major));
    node.put("minor", String.valueOf(minor));
    node.put("gitVersion", gitVersion());
    node.put("gitCommit", "opstream-local");
    node.put("gitTreeState", "clean");
    node.put("buildDate", "2025-01-01T00:00:00Z");
    node.put("goVersion", "go1.23.0");
    node.put("compiler", "gc");
    node.put("platform", "linux/amd64");
    return node;
  }
}
