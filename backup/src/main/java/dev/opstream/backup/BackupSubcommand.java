package dev.opstream.backup;

import dev.opstream.backup.progress.ProgressFactory;
import dev.opstream.backup.store.S3Clients;
import dev.opstream.backup.store.S3Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@code run}, {@code list} and {@code restore} share: the environment, the S3 client, and the
 * one way a failure ends: {@code error: ...} plus what its exit code means, on standard error.
 */
abstract class BackupSubcommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(BackupSubcommand.class);

  @ParentCommand private BackupCommand parent;

  @Spec private CommandSpec spec;

  /** Does the work; a {@link BackupException} says how it failed. */
  abstract ExitCode execute() throws Exception;

  @Override
  public final Integer call() {
    try {
      return execute().code();
    } catch (BackupException e) {
      return report(e);
    } catch (Exception e) {
      return report(new BackupException(ExitCode.FAILED, describe(e), e));
    }
  }

  Environment env() {
    return parent.environment();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  ProgressFactory progress() {
    return new ProgressFactory(env().terminal(), err(), System::nanoTime);
  }

  S3Client s3() {
    return S3Clients.create(S3Settings.fromEnv(env().variables()));
  }

  private int report(BackupException failure) {
    LOG.debug("{} failed", spec.qualifiedName(), failure);
    ExitCode exit = failure.exitCode();
    PrintWriter err = err();
    err.println("error: " + failure.getMessage());
    err.println("exit " + exit.code() + " (" + exit.name() + "): " + exit.meaning());
    err.flush();
    return exit.code();
  }

  /** The messages along the cause chain, without repeats. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message == null || message.isBlank()) {
        message = cause.getClass().getSimpleName();
      }
      if (text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(message);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return text.toString();
  }
}
