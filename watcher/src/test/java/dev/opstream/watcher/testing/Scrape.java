package dev.opstream.watcher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the watcher's HTTP endpoint as Prometheus and Kubernetes would. */
public final class Scrape {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Scrape() {}

  /** The status code of {@code GET path}. */
  public static int status(int port, String path) {
    return get(port, path).statusCode();
  }

  /** The body of {@code GET /metrics}. */
  public static String metrics(int port) {
    return get(port, "/metrics").body();
  }

  /**
   * The value of the sample {@code name} whose labels include {@code cluster="<cluster>"} and every
   * {@code extraLabels} ({@code key="value"} text), summed over matching series; 0 when none.
   */
  public static double value(String metrics, String name, String cluster, String... extraLabels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher matcher = line.matcher(metrics);
    double sum = 0;
    while (matcher.find()) {
      String labels = matcher.group(1);
      boolean matches = cluster == null || labels.contains("cluster=\"" + cluster + "\"");
      for (String extra : extraLabels) {
        matches &= labels.contains(extra);
      }
      if (matches) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  private static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
