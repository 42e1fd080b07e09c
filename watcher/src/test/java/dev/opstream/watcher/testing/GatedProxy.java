package dev.opstream.watcher.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on 127.0.0.1 that accepts connections at once but forwards nothing until {@link
 * #open()}: a server that is there but does not answer yet, for tests of readiness.
 */
public final class GatedProxy implements AutoCloseable {

  private final ServerSocket server;
  private final URI target;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private GatedProxy(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "gated-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A closed proxy in front of {@code url} (http://host:port). */
  public static GatedProxy to(String url) {
    try {
      return new GatedProxy(URI.create(url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Starts forwarding, also what waited on connections accepted before. */
  public void open() {
    gate.countDown();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread connection = new Thread(() -> forward(client), "gated-proxy-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void forward(Socket client) {
    try {
      gate.await();
      Socket upstream = new Socket(target.getHost(), target.getPort());
      sockets.add(upstream);
      Thread back = new Thread(() -> pipe(upstream, client), "gated-proxy-back");
      back.setDaemon(true);
      back.start();
      pipe(client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(GatedProxy::closeQuietly);
  }
}
