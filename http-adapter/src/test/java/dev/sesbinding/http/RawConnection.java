package dev.sesbinding.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A TCP connection to the server that behaves as no HTTP client library would: half a request, a
 * trickle of header bytes, a body that never ends. Reads block the test thread, each for at most
 * the given time.
 */
final class RawConnection implements AutoCloseable {
  /** An HTTP answer as read off the wire. */
  record Answer(int status, String headers, String body) {
    String header(String name) {
      for (String line : headers.split("\r\n", -1)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one answer (status line, headers, a body of its Content-Length). */
  Answer read(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before an answer; read: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(text.substring(9, 12));
    String headers = text.substring(text.indexOf("\r\n") + 2);
    Answer answer = new Answer(status, headers, "");
    String length = answer.header("content-length");
    byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Waits until the server closes the connection, reading and dropping what comes; true when it did
   * within {@code within}.
   */
  boolean closedWithin(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    byte[] drop = new byte[8192];
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        if (in.read(drop) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset by the server: closed as well
      }
    }
    return false;
  }

  /** A complete POST of {@code body} to {@code path}, kept alive. */
  static String post(String path, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /** The headers of a POST to {@code path} whose body is {@code length} bytes (none sent yet). */
  static String postHeaders(String path, long length) {
    return String.format(
        Locale.ROOT,
        "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: %d\r\n\r\n",
        path,
        length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
