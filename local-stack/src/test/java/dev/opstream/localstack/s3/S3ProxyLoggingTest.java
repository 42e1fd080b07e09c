package dev.opstream.localstack.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class S3ProxyLoggingTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger s3proxy = context.getLogger("org.gaul.s3proxy");
  private final Logger shadedJetty = context.getLogger("org.gaul.shaded");

  @AfterEach
  void resetLevels() {
    s3proxy.setLevel(null);
    shadedJetty.setLevel(null);
  }

  @Test
  void quietsTheServersOwnLoggersWhenNothingConfiguredThem() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
    try {
      S3ProxyLogging.quietUnlessConfigured();

      assertThat(s3proxy.getEffectiveLevel()).isEqualTo(Level.WARN);
      assertThat(
              context.getLogger("org.gaul.shaded.org.eclipse.jetty.server.Server").isDebugEnabled())
          .isFalse();
    } finally {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  @Test
  void keepsALevelTheApplicationConfigured() {
    s3proxy.setLevel(Level.DEBUG);

    S3ProxyLogging.quietUnlessConfigured();

    assertThat(s3proxy.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(shadedJetty.getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void leavesLoggersOfOtherLibrariesAlone() {
    Logger awsSdk = context.getLogger("software.amazon.awssdk");

    S3ProxyLogging.quietUnlessConfigured();

    assertThat(awsSdk.getLevel()).isNull();
  }
}
