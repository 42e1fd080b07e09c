package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace lifecycle the mock lacks: the usual namespaces exist from the start, writing into a
 * namespace that does not exist creates it (as if someone had run {@code kubectl create ns}, so
 * Helm and kubectl work without {@code --create-namespace}), and deleting a namespace deletes the
 * built-in objects in it.
 */
final class Namespaces {

  private static final Logger LOG = LoggerFactory.getLogger(Namespaces.class);
  private static final String PATH = "/api/v1/namespaces";
  static final List<String> INITIAL =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final CrudStore store;
  private final ApiResourceCatalog catalog;
  private final ObjectMapper mapper;

  Namespaces(CrudStore store, ApiResourceCatalog catalog, ObjectMapper mapper) {
    this.store = store;
    this.catalog = catalog;
    this.mapper = mapper;
  }

  void createInitial() {
    INITIAL.forEach(this::ensureExists);
  }

  void ensureExists(String name) {
    if (store.get(PATH + "/" + name).isPresent()) {
      return;
    }
    ObjectNode namespace = mapper.createObjectNode();
    namespace.put("apiVersion", "v1");
    namespace.put("kind", "Namespace");
    namespace.putObject("metadata").put("name", name);
    namespace.putObject("spec").putArray("finalizers").add("kubernetes");
    namespace.putObject("status").put("phase", "Active");
    int code = store.create(PATH, namespace).code();
    LOG.debug("Created namespace {} implicitly (HTTP {})", name, code);
  }

  /** Deletes every built-in object in a namespace that was just deleted. */
  void deleteContents(String name) {
    for (ApiResource resource : catalog.namespaced()) {
      String prefix = resource.group().isEmpty() ? "/api/" : "/apis/" + resource.group() + "/";
      store.delete(prefix + resource.version() + "/namespaces/" + name + "/" + resource.plural());
    }
  }
}
