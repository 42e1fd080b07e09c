package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kubernetes API server on a free port of 127.0.0.1 (plain HTTP), good enough for
 * real Helm, kubectl and fabric8 clients: fabric8's CRUD mock extended with discovery, server-side
 * apply, strategic merge patch, typed lists, protobuf Secret/ConfigMap bodies and errors that never
 * hang the client. Nothing runs on it: no pods, no controllers, no garbage collection.
 */
public final class KubeApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubeApiServer.class);
  // The mock web server logs every request at INFO through java.util.logging; a strong reference
  // keeps the level we set.
  private static final java.util.logging.Logger MOCK_WEB_SERVER_LOG =
      java.util.logging.Logger.getLogger(MockWebServer.class.getName());

  private final String clusterName;
  private final KubernetesMockServer server;
  private final MockWebServer webServer;
  private final String url;
  private final KubernetesClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KubeApiServer(
      String clusterName, KubernetesMockServer server, MockWebServer webServer, String url) {
    this.clusterName = clusterName;
    this.server = server;
    this.webServer = webServer;
    this.url = url;
    this.client = new KubernetesClientBuilder().withConfig(clientConfig(url)).build();
  }

  /** Starts a server for the named cluster on a free port of 127.0.0.1. */
  public static KubeApiServer start(String clusterName) {
    long started = System.nanoTime();
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    ObjectMapper mapper = new ObjectMapper();
    MockWebServer webServer = new MockWebServer();
    CrudStore store = new CrudStore(new KubernetesCrudDispatcher(), mapper);
    ApiDispatcher dispatcher =
        new ApiDispatcher(
            store,
            mapper,
            ApiResourceCatalog.standard(),
            KubeVersion.DEFAULT,
            () -> "127.0.0.1:" + webServer.getPort(),
            () -> discardRecordedRequests(webServer));
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(mapper), webServer, new HashMap<>(), dispatcher, false);
    server.start(loopback(), 0);
    dispatcher.namespaces().createInitial();
    KubeApiServer api =
        new KubeApiServer(clusterName, server, webServer, "http://127.0.0.1:" + server.getPort());
    LOG.info(
        "Kubernetes API server for cluster {} listening on {} (started in {} ms)",
        clusterName,
        api.url,
        (System.nanoTime() - started) / 1_000_000);
    return api;
  }

  public String clusterName() {
    return clusterName;
  }

  /** The server's URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return url;
  }

  /** A fabric8 client connected to this server (default namespace {@code default}). */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
      server.shutdown();
      LOG.info("Kubernetes API server for cluster {} stopped", clusterName);
    }
  }

  /** Takes one request the web server recorded, if any; for tests of the queue draining. */
  RecordedRequest pollRecordedRequest() {
    try {
      return webServer.takeRequest(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * The mock web server keeps every request in an unbounded queue for tests to inspect; a server
   * that runs for hours must not, so each request is taken off again once answered.
   */
  private static void discardRecordedRequests(MockWebServer webServer) {
    try {
      while (webServer.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Config clientConfig(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withRequestTimeout(30_000)
        .build();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
