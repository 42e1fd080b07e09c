package dev.opstream.backup.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code backup ...} in a separate JVM on this test's class path, as a CronJob would. */
public final class ChildJvm {

  private ChildJvm() {}

  /** This JVM's class path (Surefire/Failsafe may hide it behind a manifest-only jar). */
  static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /**
   * Starts {@code java <jvmOptions> dev.opstream.backup.BackupCommand <args>} with exactly {@code
   * env} as its environment (plus PATH and HOME), standard error to {@code errFile}.
   */
  public static Process start(
      List<String> jvmOptions, Map<String, String> env, Path errFile, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add("dev.opstream.backup.BackupCommand");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    String path = environment.get("PATH");
    String home = environment.get("HOME");
    environment.clear();
    environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
    if (home != null) {
      environment.put("HOME", home);
    }
    environment.putAll(env);
    builder.redirectErrorStream(false);
    builder.redirectError(errFile.toFile());
    builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    return builder.start();
  }
}
