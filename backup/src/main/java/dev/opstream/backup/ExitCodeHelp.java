package dev.opstream.backup;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/** Adds the {@link ExitCode} list to a command's {@code --help}. */
final class ExitCodeHelp implements IModelTransformer {

  @Override
  public CommandSpec transform(CommandSpec spec) {
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
    return spec;
  }
}
