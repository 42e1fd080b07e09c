package dev.opstream.localstack.s3;

import dev.opstream.localstack.support.LocalStackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy, embedded) on a free port of 127.0.0.1 that keeps buckets and
 * objects as files under its data directory.
 *
 * <p>Clients use path-style access with {@link #accessKey()}, {@link #secretKey()} and {@link
 * #region()}. S3Proxy answers 501 for what it does not implement (bucket lifecycle and tagging,
 * versioning on this store). Always {@link #close()} it: its Jetty threads keep a JVM alive.
 */
public final class S3Server implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);
  private static final String ACCESS_KEY = "opstream-local";
  private static final String SECRET_KEY = "opstream-local-secret";
  private static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStore store;
  private final URI endpoint;
  private final Path bucketsDir;

  private S3Server(S3Proxy proxy, BlobStore store, Path bucketsDir) {
    this.proxy = proxy;
    this.store = store;
    this.bucketsDir = bucketsDir;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /**
   * Starts a server whose buckets live under {@code dataDir} (created if missing); buckets already
   * there are served again.
   */
  public static S3Server start(Path dataDir) {
    long started = System.nanoTime();
    S3ProxyLogging.quietUnlessConfigured();
    Path bucketsDir = dataDir.resolve("buckets");
    try {
      Files.createDirectories(bucketsDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + bucketsDir, e);
    }
    BlobStore store = new FilesystemNio2BlobStore(bucketsDir.toAbsolutePath().toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      stopQuietly(proxy, store);
      throw new LocalStackException("S3Proxy failed to start with data in " + bucketsDir, e);
    }
    S3Server server = new S3Server(proxy, store, bucketsDir);
    LOG.info(
        "S3 server started on {} in {} ms, data in {}",
        server.endpoint,
        (System.nanoTime() - started) / 1_000_000,
        bucketsDir);
    return server;
  }

  /** {@code http://127.0.0.1:PORT}; use path-style access. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** {@code us-east-1}. */
  public String region() {
    return REGION;
  }

  /** The directory that holds one sub-directory per bucket. */
  public Path bucketsDir() {
    return bucketsDir;
  }

  /** Stops the server and its threads; the data directory is left in place. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new LocalStackException("Cannot stop the S3 server on " + endpoint, e);
    } finally {
      store.close();
    }
    LOG.info("S3 server {} stopped", endpoint);
  }

  @Override
  public String toString() {
    return "S3Server[" + endpoint + ", " + bucketsDir + "]";
  }

  private static void stopQuietly(S3Proxy proxy, BlobStore store) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.debug("Stopping an S3Proxy that failed to start also failed", e);
    } finally {
      store.close();
    }
  }
}
