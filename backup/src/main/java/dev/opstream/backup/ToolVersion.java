package dev.opstream.backup;

import picocli.CommandLine.IVersionProvider;

/** {@code opstream <version>} from the jar's manifest, for {@code --version} and manifests. */
final class ToolVersion implements IVersionProvider {

  static String current() {
    String version = ToolVersion.class.getPackage().getImplementationVersion();
    return "opstream " + (version == null ? "(development build)" : version);
  }

  @Override
  public String[] getVersion() {
    return new String[] {current()};
  }
}
