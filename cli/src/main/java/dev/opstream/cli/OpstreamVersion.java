package dev.opstream.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest at build time. */
public final class OpstreamVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = OpstreamVersion.class.getPackage().getImplementationVersion();
    return new String[] {"opstream " + (version == null ? "(development build)" : version)};
  }
}
