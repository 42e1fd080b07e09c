package dev.opstream.localstack.junit;

import dev.opstream.localstack.kafka.KafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@link KafkaBroker} parameters with one broker shared by every test of the JVM, started
 * on first use with data under a temporary directory, stopped and deleted when the run ends.
 *
 * <p>Tests that stop the shared broker must start it again; if one leaves it stopped, the next test
 * that asks for it gets it restarted. A test that needs a broker of its own calls {@link
 * KafkaBroker#start}.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public KafkaBroker resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KafkaBroker broker =
        SharedServer.inRootStore(context, KafkaBroker.class, "opstream-kafka-", KafkaBroker::start);
    if (!broker.isRunning()) {
      LOG.warn(
          "A test left the shared Kafka broker stopped; restarting it for {}",
          context.getUniqueId());
      broker.restart();
    }
    return broker;
  }
}
