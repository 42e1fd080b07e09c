package dev.opstream.localstack.junit;

import dev.opstream.localstack.s3.S3Server;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link S3Server} parameters with one server shared by every test of the JVM, started on
 * first use with data under a temporary directory, stopped and deleted when the run ends. Tests
 * share it, so each should use bucket names of its own.
 */
public final class S3ServerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3Server.class;
  }

  @Override
  public S3Server resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SharedServer.inRootStore(context, S3Server.class, "opstream-s3-", S3Server::start);
  }
}
