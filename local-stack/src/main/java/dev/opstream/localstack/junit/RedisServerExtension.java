package dev.opstream.localstack.junit;

import dev.opstream.localstack.redis.RedisServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link RedisServer} parameters with a fresh server (no password) for each test, so no
 * test sees another's keys; a server starts in a few milliseconds.
 *
 * <p>The server belongs to the context that asks first: a test method (and its {@code @BeforeEach}
 * and {@code @AfterEach} methods, which get the same server), or a test class when it is injected
 * into a constructor or a {@code @BeforeAll} method, whose tests then share it. It is stopped, and
 * its temporary directory deleted, when that context ends. Call {@link RedisServer#start} for more
 * than one server or for a password.
 */
public final class RedisServerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public RedisServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SharedServer.inStore(context, RedisServer.class, "opstream-redis-", RedisServer::start);
  }
}
