package dev.opstream.localstack.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class NoSilentSkipsInCiTest {

  @AfterEach
  void leaveNonStrict() {
    System.clearProperty("opstream.ci");
  }

  @Test
  void anAbortedTestFailsInCi() {
    System.setProperty("opstream.ci", "true");

    Events tests = run(NeedsRedis.class);

    tests.assertStatistics(stats -> stats.aborted(0).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("needsRedisServer"),
                finishedWithFailure(
                    message(
                        (Predicate<String>)
                            text -> text.startsWith("Skipped in CI") && text.contains("redis")))));
  }

  @Test
  void anAbortedTestStaysSkippedOutsideCi() {
    System.setProperty("opstream.ci", "false");

    run(NeedsRedis.class).assertStatistics(stats -> stats.aborted(1).failed(0));
  }

  @Test
  void aMissingDockerEngineMaySkipInCi() {
    System.setProperty("opstream.ci", "true");

    run(NeedsDocker.class).assertStatistics(stats -> stats.aborted(1).failed(0));
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }

  static class NeedsRedis {
    @Test
    void needsRedisServer() {
      Assumptions.assumeTrue(false, "redis-server is not installed");
    }
  }

  static class NeedsDocker {
    @Test
    void needsDocker() {
      Assumptions.assumeTrue(false, "Docker is not available");
    }
  }
}
