package dev.opstream.localstack.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
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

/**
 * The smallest Redis client that can check a server: one connection, one command at a time, RESP2
 * replies as Java values ({@code String}, {@code Long}, {@code List}, {@code null} or {@link
 * ErrorReply}).
 */
final class RespClient implements Closeable {

  /** A {@code -ERR ...} reply. */
  record ErrorReply(String message) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RespClient(int port) throws IOException {
    socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
      socket.setSoTimeout(5_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  Object call(String... args) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      request.writeBytes(bytes);
      request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(request.toByteArray());
    out.flush();
    return readReply();
  }

  private Object readReply() throws IOException {
    int type = in.read();
    String line = readLine();
    return switch (type) {
      case '+' -> line;
      case '-' -> new ErrorReply(line);
      case ':' -> Long.parseLong(line);
      case '$' -> readBulk(Integer.parseInt(line));
      case '*' -> readArray(Integer.parseInt(line));
      case -1 -> throw new EOFException("Redis closed the connection");
      default -> throw new IOException("Not a RESP reply: " + (char) type + line);
    };
  }

  private String readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length);
    readLine();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private List<Object> readArray(int count) throws IOException {
    if (count < 0) {
      return null;
    }
    List<Object> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(readReply());
    }
    return items;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b == -1) {
        throw new EOFException("Redis closed the connection");
      }
      line.write(b);
    }
    in.read(); // '\n'
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
