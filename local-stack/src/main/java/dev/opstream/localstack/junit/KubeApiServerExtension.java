package dev.opstream.localstack.junit;

import dev.opstream.localstack.kube.KubeApiServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link KubeApiServer} parameter. One server (cluster name {@code test}) is shared by
 * every test class in the JVM: it lives in the root context's store, which closes {@link
 * AutoCloseable} values when the test run ends. Tests sharing it should work in namespaces of their
 * own.
 */
public final class KubeApiServerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeApiServerExtension.class);
  static final String CLUSTER_NAME = "test";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubeApiServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            KubeApiServer.class, key -> KubeApiServer.start(CLUSTER_NAME), KubeApiServer.class);
  }
}
