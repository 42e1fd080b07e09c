package dev.opstream.dev;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.opstream.localstack.support.TempDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, rendering a page with its JavaScript and printing the DOM. A
 * test that needs it is skipped when it is not installed, which fails the build in CI ({@code
 * .ci/run} installs it).
 */
final class HeadlessChromium {

  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private HeadlessChromium() {}

  /** The browser, or the test is skipped (a failure in CI) naming the package to install. */
  static Path require() {
    Optional<Path> found =
        CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    assumeTrue(
        found.isPresent(),
        "headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)");
    return found.get();
  }

  /**
   * Loads {@code page}, lets its scripts run for {@code scriptTime} of virtual time (network
   * requests are waited for), and returns the rendered DOM.
   */
  static String dumpDom(URI page, Duration scriptTime) throws IOException, InterruptedException {
    Path browser = require();
    Path profile = TempDirs.create("opstream-chromium-");
    try {
      List<String> command = new ArrayList<>();
      command.add(browser.toString());
      // The flags that work on these machines: no sandbox as root, no GPU, and no background
      // connections to Google's hosts (the network is closed).
      command.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-dev-shm-usage",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--user-data-dir=" + profile,
              "--virtual-time-budget=" + scriptTime.toMillis(),
              "--dump-dom",
              page.toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(profile.resolve("stderr").toFile()))
              .start();
      CompletableFuture<String> dom =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(
                      process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not finish rendering " + page);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "chromium exited "
                + process.exitValue()
                + ": "
                + Files.readString(profile.resolve("stderr"), StandardCharsets.UTF_8));
      }
      return dom.join();
    } finally {
      TempDirs.deleteRecursively(profile);
    }
  }
}
