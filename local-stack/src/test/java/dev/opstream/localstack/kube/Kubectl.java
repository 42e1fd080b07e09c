package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary against a kubeconfig, with a timeout. */
final class Kubectl {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final Path kubeconfig;

  private Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  /** kubectl from /usr/bin or PATH; fails the test (never skips it) when it is not installed. */
  static Kubectl using(Path kubeconfig) {
    return new Kubectl(locate().orElseGet(Kubectl::missing), kubeconfig);
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("KUBECTL_INTERACTIVE_DELETE", "false");
    try {
      Path out = Files.createTempFile("kubectl-out", ".txt");
      Path err = Files.createTempFile("kubectl-err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("kubectl %s did not finish in %d s", String.join(" ", args), TIMEOUT_SECONDS);
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs kubectl and fails the test unless it exits with 0; returns its standard output. */
  String ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      fail(
          "kubectl %s exited with %d:%n%s%n%s",
          String.join(" ", args), result.exitCode(), result.stdout(), result.stderr());
    }
    return result.stdout();
  }

  private static Optional<Path> locate() {
    Path usrBin = Path.of("/usr/bin/kubectl");
    if (Files.isExecutable(usrBin)) {
      return Optional.of(usrBin);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Path missing() {
    return fail(
        "kubectl is not installed: install the Debian package kubernetes-client"
            + " (apt-get install -y kubernetes-client) or put kubectl on the PATH");
  }

  record Result(int exitCode, String stdout, String stderr) {}
}
