package dev.opstream.backup.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal blocking RESP2 connection over a socket, for what lettuce cannot do: the replication
 * protocol, which streams an RDB after a reply. Also reads the commands a replica sends to a
 * master.
 */
final class RespSocket implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RespSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
    this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
  }

  /**
   * Connects to {@code target} (TLS for {@code rediss://}) and authenticates if it has a password.
   *
   * @throws ErrorReply if Redis refuses the credentials
   */
  static RespSocket connect(RedisTarget target) throws IOException {
    Socket socket = new Socket();
    try {
      int timeout = (int) target.timeout().toMillis();
      socket.connect(new InetSocketAddress(target.host(), target.port()), timeout);
      socket.setSoTimeout(timeout);
      socket.setTcpNoDelay(true);
      if (target.tls()) {
        SSLSocket tls =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, target.host(), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        socket = tls;
      }
      RespSocket resp = new RespSocket(socket);
      if (target.password().isPresent()) {
        if (target.username().isPresent()) {
          resp.call("AUTH", target.username().get(), target.password().get());
        } else {
          resp.call("AUTH", target.password().get());
        }
      }
      return resp;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends a command and returns its reply: String, Long, byte[], List, or null. */
  Object call(String... args) throws IOException {
    send(args);
    return readReply();
  }

  /** Sends a command without reading a reply. */
  void send(String... args) throws IOException {
    out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      out.write(
          ('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
    out.flush();
  }

  /** Writes a simple-string reply line ({@code +OK}), as a server does. */
  void sendStatus(String status) throws IOException {
    out.write(('+' + status + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Reads a reply.
   *
   * @throws ErrorReply for an error reply
   */
  Object readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("Redis closed the connection");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new ErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        {
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(length);
          if (bytes.length < length) {
            throw new EOFException("Redis closed the connection in a reply");
          }
          readLine();
          return bytes;
        }
      case '*':
        {
          int count = Integer.parseInt(line);
          if (count < 0) {
            return null;
          }
          List<Object> items = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            items.add(readReply());
          }
          return items;
        }
      default:
        throw new IOException("not a RESP reply: '" + (char) type + line + "'");
    }
  }

  /**
   * Reads one command a client sends (an array of bulk strings, or an inline command), as a server
   * does; empty at end of stream.
   */
  List<String> readCommand() throws IOException {
    int type = in.read();
    while (type == '\r' || type == '\n') {
      type = in.read();
    }
    if (type < 0) {
      return List.of();
    }
    if (type != '*') {
      String inline = (char) type + readLine();
      return List.of(inline.trim().split("\\s+"));
    }
    int count = Integer.parseInt(readLine());
    List<String> args = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (in.read() != '$') {
        throw new IOException("malformed command from the client");
      }
      int length = Integer.parseInt(readLine());
      byte[] bytes = in.readNBytes(length);
      readLine();
      args.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return args;
  }

  /** Reads up to CRLF (or LF), without it. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("Redis closed the connection");
      }
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    int length =
        bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** The buffered input, for payloads that follow a reply. */
  InputStream input() {
    return in;
  }

  /** The buffered output, for payloads sent after a reply; flush it. */
  OutputStream output() {
    return out;
  }

  /** The local address of this connection: how the server sees this process. */
  InetAddress localAddress() {
    return socket.getLocalAddress();
  }

  void setReadTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Redis answered with an error reply. */
  static final class ErrorReply extends IOException {
    private static final long serialVersionUID = 1L;

    ErrorReply(String message) {
      super(message);
    }
  }
}
