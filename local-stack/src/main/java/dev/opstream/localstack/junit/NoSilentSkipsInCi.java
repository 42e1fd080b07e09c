package dev.opstream.localstack.junit;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Turns a skipped test into a failed one when running in CI ({@code CI=true}).
 *
 * <p>In CI nothing may silently not run: a test that aborts through an assumption (a missing
 * binary, an unreachable server) fails there instead, unless the reason is a missing Docker engine,
 * which the build machines never have. Registered for every test through JUnit's extension
 * auto-detection. The system property {@code opstream.ci} ({@code true} or {@code false}), when
 * set, overrides the environment.
 */
public final class NoSilentSkipsInCi
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  private final boolean strict;

  /** The extension as JUnit loads it: strict when the environment says {@code CI=true}. */
  public NoSilentSkipsInCi() {
    String ci = System.getProperty("opstream.ci", System.getenv().getOrDefault("CI", ""));
    this.strict = "true".equalsIgnoreCase(ci);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw failIfStrict(context, throwable);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw failIfStrict(context, throwable);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(
      ExtensionContext context, Throwable throwable) throws Throwable {
    throw failIfStrict(context, throwable);
  }

  Throwable failIfStrict(ExtensionContext context, Throwable throwable) {
    if (!strict || !(throwable instanceof TestAbortedException) || isAboutDocker(throwable)) {
      return throwable;
    }
    String where =
        context.getRequiredTestClass().getName()
            + context.getTestMethod().map(Method::getName).map(name -> "#" + name).orElse("");
    return new AssertionError(
        "Skipped in CI, where every test must run: "
            + where
            + ": "
            + Optional.ofNullable(throwable.getMessage()).orElse("(no reason given)"),
        throwable);
  }

  private static boolean isAboutDocker(Throwable throwable) {
    String message = throwable.getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains("docker");
  }
}
