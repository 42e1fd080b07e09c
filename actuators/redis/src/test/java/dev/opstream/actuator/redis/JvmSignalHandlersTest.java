package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class JvmSignalHandlersTest {

  private static final int SIGHUP = 1;
  private static final long SIG_DFL = 0;
  private static final long SIG_IGN = 1;

  @Test
  void restorePutsBackTheCapturedHandlerAfterSomeoneReplacedIt() {
    JvmSignalHandlers signals = JvmSignalHandlers.capture();
    long jvmHandler = signals.capturedHandler(SIGHUP);
    long other = jvmHandler == SIG_IGN ? SIG_DFL : SIG_IGN;

    // What Go's runtime does to the JVM: another disposition for the signal.
    Memory ignore = new Memory(1024);
    ignore.clear();
    ignore.setLong(0, other);
    JvmSignalHandlers.LibC libc =
        Native.load(Platform.C_LIBRARY_NAME, JvmSignalHandlers.LibC.class);
    assertThat(libc.sigaction(SIGHUP, ignore, null)).isZero();
    assertThat(signals.currentHandler(SIGHUP)).isEqualTo(other);

    signals.restore();

    assertThat(signals.currentHandler(SIGHUP)).isEqualTo(jvmHandler);
  }
}
