package dev.opstream.actuator.redis;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the JVM back its handlers for SIGHUP, SIGINT, SIGQUIT and SIGTERM after native Helm took
 * them.
 *
 * <p>helm-java runs Helm as a Go shared library. The first Helm operation that asks Go for
 * termination signals ({@code signal.Notify}) makes the Go runtime install its own handlers for
 * them and keep them: from then on SIGTERM only reaches a Go channel nobody reads, so the JVM
 * ignores it and never runs its shutdown hooks, SIGQUIT no longer prints a thread dump (and {@code
 * jcmd} cannot attach). {@code sun.misc.Signal.handle} cannot repair this: it refuses SIGQUIT, and
 * for the others it hands back Go's handler as the "previous" one.
 *
 * <p>So this class records the process's signal dispositions with {@code sigaction(2)} before the
 * first Helm call ({@link #capture()}) and writes them back, unchanged, after every call ({@link
 * #restore()}). The {@code struct sigaction} is copied as opaque bytes, so no layout is assumed.
 * The Go runtime installs its handler once per signal, so after the first restore later Helm calls
 * leave the JVM's handlers alone; restoring after each call costs four system calls. On platforms
 * without POSIX signals (Windows) both are no-ops.
 */
public final class JvmSignalHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(JvmSignalHandlers.class);

  /** SIGHUP, SIGINT, SIGQUIT, SIGTERM: the same numbers on Linux and macOS. */
  static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "TERM", 15);

  /** Larger than {@code struct sigaction} on every supported platform (152 bytes on Linux). */
  private static final int SIGACTION_BUFFER = 1024;

  private final LibC libc;
  private final Map<Integer, Memory> saved;

  private JvmSignalHandlers(LibC libc, Map<Integer, Memory> saved) {
    this.libc = libc;
    this.saved = saved;
  }

  /**
   * The dispositions as they were the first time this was called in the process; every Helm call
   * made through opstream calls it first, so that is before Helm could take them.
   */
  public static JvmSignalHandlers processWide() {
    return ProcessWide.HANDLERS;
  }

  /**
   * Records the current dispositions. Call it before the first Helm call of the process: what it
   * records is what {@link #restore()} puts back.
   */
  static JvmSignalHandlers capture() {
    if (Platform.isWindows()) {
      return new JvmSignalHandlers(null, Map.of());
    }
    LibC libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    Map<Integer, Memory> saved = new LinkedHashMap<>();
    for (int signal : SIGNALS.values()) {
      Memory action = new Memory(SIGACTION_BUFFER);
      action.clear();
      if (libc.sigaction(signal, null, action) != 0) {
        throw new IllegalStateException(
            "sigaction(" + signal + ") failed with errno " + Native.getLastError());
      }
      saved.put(signal, action);
    }
    return new JvmSignalHandlers(libc, Map.copyOf(saved));
  }

  /** Puts back the dispositions recorded by {@link #capture()}. Safe from any thread. */
  public synchronized void restore() {
    saved.forEach(
        (signal, action) -> {
          if (libc.sigaction(signal, action, null) != 0) {
            LOG.warn(
                "could not restore the JVM's handler for signal {} (errno {})",
                signal,
                Native.getLastError());
          }
        });
  }

  /**
   * The address of the handler currently installed for {@code signal} (0 for the default, 1 for
   * ignore), for tests and diagnostics.
   */
  long currentHandler(int signal) {
    Memory action = new Memory(SIGACTION_BUFFER);
    action.clear();
    libc.sigaction(signal, null, action);
    return action.getPointer(0) == null ? 0 : Pointer.nativeValue(action.getPointer(0));
  }

  /** The address of the handler {@link #capture()} recorded for {@code signal}. */
  long capturedHandler(int signal) {
    Pointer handler = saved.get(signal).getPointer(0);
    return handler == null ? 0 : Pointer.nativeValue(handler);
  }

  /** Captured once, on first use (the holder idiom); immutable afterwards. */
  private static final class ProcessWide {
    static final JvmSignalHandlers HANDLERS = capture();
  }

  /** The C library's {@code sigaction}. */
  interface LibC extends Library {
    int sigaction(int signal, Pointer action, Pointer previous);
  }
}
