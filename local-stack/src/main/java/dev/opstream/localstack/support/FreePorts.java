package dev.opstream.localstack.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports on 127.0.0.1 that are free at the time of the call.
 *
 * <p>Another process may take a port between this call and the server binding it, so servers that
 * use it retry with new ports when binding fails.
 */
public final class FreePorts {

  private FreePorts() {}

  /** One free port on 127.0.0.1. */
  public static int pick() {
    return pick(1).get(0);
  }

  /** {@code count} distinct free ports on 127.0.0.1 (all held open until all are picked). */
  public static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // nothing was sent over it
        }
      }
    }
  }
}
