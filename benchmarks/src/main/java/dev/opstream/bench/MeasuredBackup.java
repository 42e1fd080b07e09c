package dev.opstream.bench;

import dev.opstream.backup.BackupCommand;
import dev.opstream.backup.Environment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@code backup ...} in its own JVM (started by {@link BackupRestore}), then prints what it
 * cost: {@code #measure exit=N seconds=S rssPeakMiB=R heapPeakMiB=H} (the used heap sampled every
 * 10 ms, garbage included; the peak resident set from /proc).
 */
public final class MeasuredBackup {

  private MeasuredBackup() {}

  public static void main(String[] args) throws IOException {
    AtomicLong heapPeak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
              while (!Thread.currentThread().isInterrupted()) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long started = System.nanoTime();
    int exit = BackupCommand.commandLine(Environment.system()).execute(args);
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    long rssPeakKb =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("VmHWM:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
            .findFirst()
            .orElse(-1);
    System.out.printf(
        Locale.ROOT,
        "#measure exit=%d seconds=%.3f rssPeakMiB=%.1f heapPeakMiB=%.1f%n",
        exit,
        seconds,
        rssPeakKb / 1024.0,
        heapPeak.get() / 1024.0 / 1024.0);
    System.exit(exit);
  }
}
