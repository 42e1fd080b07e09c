package dev.opstream.localstack.s3;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps S3Proxy's own loggers at WARN unless the application configured them.
 *
 * <p>Logback without a configuration logs everything at DEBUG, and S3Proxy and its Jetty then log
 * every request in detail, which makes the server about three times slower. A library must not ship
 * a {@code logback.xml}, so this sets a level only on the two logger trees that belong to the
 * embedded server alone ({@code org.gaul.s3proxy} and its shaded Jetty, {@code org.gaul.shaded}),
 * and only where no level has been set: a level from the application's configuration always wins.
 */
final class S3ProxyLogging {

  private static final List<String> SERVER_LOGGERS = List.of("org.gaul.s3proxy", "org.gaul.shaded");

  private S3ProxyLogging() {}

  static void quietUnlessConfigured() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: its configuration decides
    }
    for (String name : SERVER_LOGGERS) {
      ch.qos.logback.classic.Logger logger = context.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARN);
      }
    }
  }
}
