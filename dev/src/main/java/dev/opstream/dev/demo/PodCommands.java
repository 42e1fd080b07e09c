package dev.opstream.dev.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a pod's container, as a CronJob's spec gives it, into a process this machine can run, the
 * way a kubelet would start it, with exactly two substitutions, both reported:
 *
 * <ol>
 *   <li>the address of a Service (the Redis release's {@code <release>.<namespace>.svc:6379}) is
 *       replaced by where the local server standing for it listens, in arguments and literal env
 *       values;
 *   <li>{@code secretKeyRef} env values and {@code envFrom} Secrets are read from the cluster's
 *       Secrets (the cluster's API stands for the kubelet's access to them).
 * </ol>
 *
 * The container's command names the {@code opstream} binary of the image: it is started with the
 * given launcher (this JVM's class path and the opstream main class). Pure: no I/O, the Secrets
 * come from a {@link SecretSource}.
 */
public final class PodCommands {

  /** The binary the opstream image runs; the only one the demo knows how to start. */
  public static final String OPSTREAM_BINARY = "opstream";

  private PodCommands() {}

  /**
   * @param container the container as the spec gives it
   * @param serviceAddress the in-cluster address to replace ({@code host:port})
   * @param localAddress the local address that stands for it ({@code 127.0.0.1:port})
   * @param secrets the Secrets of the pod's namespace
   * @param launcher the words that start the opstream binary here
   * @throws DemoException (permanent) when the container runs something else than opstream, or
   *     names a Secret or key that does not exist
   */
  public static LocalPodCommand localize(
      Container container,
      String serviceAddress,
      String localAddress,
      SecretSource secrets,
      List<String> launcher) {
    Objects.requireNonNull(container, "container");
    List<String> words = new ArrayList<>(nullToEmpty(container.getCommand()));
    words.addAll(nullToEmpty(container.getArgs()));
    if (words.isEmpty() || !words.get(0).equals(OPSTREAM_BINARY)) {
      throw DemoException.permanent(
          "container "
              + container.getName()
              + " runs "
              + (words.isEmpty() ? "the image's entrypoint" : "'" + words.get(0) + "'")
              + ": the demo only runs the "
              + OPSTREAM_BINARY
              + " binary");
    }
    List<String> secretReads = new ArrayList<>();
    List<String> argv = new ArrayList<>(launcher);
    boolean addressReplaced = false;
    for (String word : words.subList(1, words.size())) {
      String replaced = word.replace(serviceAddress, localAddress);
      addressReplaced |= !replaced.equals(word);
      argv.add(replaced);
    }
    Map<String, String> environment = new TreeMap<>();
    for (EnvFromSource from : nullToEmpty(container.getEnvFrom())) {
      environment.putAll(envFrom(from, secrets, secretReads));
    }
    for (EnvVar variable : nullToEmpty(container.getEnv())) {
      String value = value(variable, secrets, secretReads);
      String replaced = value.replace(serviceAddress, localAddress);
      addressReplaced |= !replaced.equals(value);
      environment.put(variable.getName(), replaced);
    }
    List<String> substitutions = new ArrayList<>();
    if (addressReplaced) {
      substitutions.add("Service " + serviceAddress + " -> " + localAddress);
    }
    if (!secretReads.isEmpty()) {
      substitutions.add(
          "Secret values read from the cluster's API: " + String.join(", ", secretReads));
    }
    return new LocalPodCommand(argv, environment, substitutions);
  }

  private static Map<String, String> envFrom(
      EnvFromSource from, SecretSource secrets, List<String> secretReads) {
    if (from.getSecretRef() == null) {
      throw DemoException.permanent("envFrom other than a Secret is not supported: " + from);
    }
    String name = from.getSecretRef().getName();
    boolean optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
    Map<String, String> values = secrets.secret(name).orElse(null);
    if (values == null) {
      if (optional) {
        return Map.of();
      }
      throw DemoException.permanent("envFrom names Secret " + name + ", which does not exist");
    }
    String prefix = from.getPrefix() == null ? "" : from.getPrefix();
    Map<String, String> environment = new LinkedHashMap<>();
    values.forEach((key, value) -> environment.put(prefix + key, value));
    secretReads.add(
        String.join(", ", new TreeMap<>(environment).keySet()) + " (envFrom Secret " + name + ")");
    return environment;
  }

  private static String value(EnvVar variable, SecretSource secrets, List<String> secretReads) {
    if (variable.getValueFrom() == null) {
      return variable.getValue() == null ? "" : variable.getValue();
    }
    SecretKeySelector selector = variable.getValueFrom().getSecretKeyRef();
    if (selector == null) {
      throw DemoException.permanent(
          "env " + variable.getName() + ": only secretKeyRef values are supported");
    }
    String value =
        secrets.secret(selector.getName()).map(data -> data.get(selector.getKey())).orElse(null);
    if (value == null) {
      throw DemoException.permanent(
          "env "
              + variable.getName()
              + " names key "
              + selector.getKey()
              + " of Secret "
              + selector.getName()
              + ", which does not exist");
    }
    secretReads.add(
        variable.getName()
            + " (secretKeyRef "
            + selector.getName()
            + "/"
            + selector.getKey()
            + ")");
    return value;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
