package dev.opstream.dev.pipeline;

import dev.opstream.cli.OpstreamCommand;
import java.time.Duration;
import java.util.Optional;

/**
 * The entry point of a stage process started by {@link StageProcess}: the production {@code
 * opstream} command, plus a watchdog that ends the stage gracefully (shutdown hooks run) when the
 * process that started it is gone, so a killed demo or test leaves no stage behind.
 */
public final class ChildMain {

  /** Names the parent's process id; set by {@link StageProcess}. */
  static final String PARENT_PID_PROPERTY = "opstream.parent.pid";

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final int EXIT_PARENT_GONE = 143;

  private ChildMain() {}

  public static void main(String[] args) {
    parentPid().ifPresent(ChildMain::watchParent);
    OpstreamCommand.main(args);
  }

  private static Optional<Long> parentPid() {
    return Optional.ofNullable(System.getProperty(PARENT_PID_PROPERTY)).map(Long::parseLong);
  }

  private static void watchParent(long pid) {
    Thread watchdog =
        new Thread(
            () -> {
              while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                  Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.exit(EXIT_PARENT_GONE);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
