package dev.opstream.bench;

import dev.opstream.replay.AppSelector;
import dev.opstream.replay.Progress;
import dev.opstream.replay.Replay;
import dev.opstream.replay.ReplayRange;
import dev.opstream.replay.chain.ChainBuilder;
import dev.opstream.replay.chain.ChainPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays every chain topic in its own JVM (started by {@link ReplayBenchmark}) with JSON-lines
 * output counted and thrown away, then prints {@code #measure records=N chains=C seconds=S
 * rssPeakMiB=R heapPeakMiB=H liveHeapPeakMiB=L bytes=B} (used heap sampled every 10 ms, garbage
 * included; the largest heap left after a collection, which is what replay really holds; the peak
 * resident set from /proc).
 */
public final class ReplayChild {

  private ReplayChild() {}

  public static void main(String[] args) throws IOException {
    AtomicLong heapPeak = new AtomicLong();
    AtomicLong livePeak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
              while (!Thread.currentThread().isInterrupted()) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                  if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    afterGc += pool.getCollectionUsage().getUsed();
                  }
                }
                livePeak.accumulateAndGet(afterGc, Math::max);
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
    AtomicLong bytes = new AtomicLong();
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            bytes.incrementAndGet();
          }

          @Override
          public void write(byte[] b, int off, int len) {
            bytes.addAndGet(len);
          }
        };
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(counting, StandardCharsets.UTF_8));
    ChainPrinter printer = ChainPrinter.of(ChainPrinter.Format.valueOf(args[1]), out);
    Properties client = new Properties();
    client.put("bootstrap.servers", args[0]);
    long started = System.nanoTime();
    ChainBuilder.Stats stats =
        new Replay(client)
            .chains(
                ReplayRange.all(),
                AppSelector.ALL,
                ChainBuilder.Limits.DEFAULT,
                printer,
                Progress.NONE);
    printer.finish();
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
        "#measure records=%d chains=%d seconds=%.3f rssPeakMiB=%.1f heapPeakMiB=%.1f"
            + " liveHeapPeakMiB=%.1f bytes=%d%n",
        stats.records(),
        stats.chains(),
        seconds,
        rssPeakKb / 1024.0,
        heapPeak.get() / 1024.0 / 1024.0,
        livePeak.get() / 1024.0 / 1024.0,
        bytes.get());
    System.exit(0);
  }
}
