package dev.sesbinding.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile HTTP/2 client for tests: the connection preface, then, as fast as the socket takes
 * them, written by hand so that nothing on this side obeys the server's limits, one of: HEADERS
 * frames of new gRPC calls (END_HEADERS, never a DATA frame); each such HEADERS followed at once by
 * its RST_STREAM (rapid reset); or SETTINGS frames. What the server sends back is read and counted
 * by frame type, or, when asked, never read at all.
 */
public final class Http2Flood {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADERS = 0x1;
  private static final int RST_STREAM = 0x3;
  private static final int SETTINGS = 0x4;
  private static final int GOAWAY = 0x7;

  /** One connection to flood: its two directions, closed together. */
  public interface Connection extends AutoCloseable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Opens a new connection to the server under test. */
  @FunctionalInterface
  public interface Dialer {
    Connection dial() throws IOException;
  }

  /** TCP to {@code port} on the loopback address. */
  public static Dialer tcp(int port) {
    return () -> {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      return new Connection() {
        @Override
        public InputStream in() throws IOException {
          return socket.getInputStream();
        }

        @Override
        public OutputStream out() throws IOException {
          return socket.getOutputStream();
        }

        @Override
        public void close() throws IOException {
          socket.close();
        }
      };
    };
  }

  /**
   * The Unix domain socket {@code path}, read and written without the lock that {@code
   * Channels.newInputStream} shares with the writing side (a blocked read would block every write).
   */
  public static Dialer unix(Path path) {
    return () -> {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(path));
      return new Connection() {
        @Override
        public InputStream in() {
          return new InputStream() {
            @Override
            public int read() throws IOException {
              byte[] one = new byte[1];
              return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
              return channel.read(ByteBuffer.wrap(into, offset, length));
            }
          };
        }

        @Override
        public OutputStream out() {
          return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] from, int offset, int length) throws IOException {
              ByteBuffer buffer = ByteBuffer.wrap(from, offset, length);
              while (buffer.hasRemaining()) {
                channel.write(buffer);
              }
            }
          };
        }

        @Override
        public void close() throws IOException {
          channel.close();
        }
      };
    };
  }

  /**
   * Floods {@code units} more of {@code kind}, on new connections from {@code dialer} whenever the
   * server closes one, reading what it sends when {@code read}.
   */
  public void floodReconnecting(Dialer dialer, long units, Kind kind, boolean read)
      throws IOException, InterruptedException {
    long target = streamsSent.get() + units;
    while (streamsSent.get() < target) {
      try (Connection connection = dialer.dial()) {
        flood(connection.in(), connection.out(), target - streamsSent.get(), kind, read);
      }
    }
  }

  /** What each unit of the flood is. */
  public enum Kind {
    HEADERS,
    RAPID_RESET,
    SETTINGS
  }

  public final AtomicLong streamsSent = new AtomicLong();
  public final AtomicInteger resetsReceived = new AtomicInteger();
  public final AtomicInteger goAways = new AtomicInteger();
  public final AtomicInteger connections = new AtomicInteger();

  private final byte[] headerBlock;

  /** Calls of {@code path}, with the header {@code dapr-api-token: token} when it is not empty. */
  public Http2Flood(String path, String token) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(0x83); // :method POST (static table 3)
    block.write(0x86); // :scheme http (static table 6)
    literal(block, 0x04, null, path); // :path (static name 4), not indexed
    literal(block, 0x01, null, "localhost"); // :authority (static name 1)
    block.write(0x0f); // content-type (static name 31: 15 + 16)
    block.write(0x10);
    string(block, "application/grpc");
    literal(block, 0x00, "te", "trailers");
    if (!token.isEmpty()) {
      literal(block, 0x00, "dapr-api-token", token);
    }
    this.headerBlock = block.toByteArray();
  }

  private static void literal(
      ByteArrayOutputStream block, int nameIndex, String name, String value) {
    block.write(nameIndex);
    if (name != null) {
      string(block, name);
    }
    string(block, value);
  }

  private static void string(ByteArrayOutputStream block, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > 126) {
      throw new IllegalArgumentException("keep test strings under 127 bytes");
    }
    block.write(bytes.length);
    block.writeBytes(bytes);
  }

  /**
   * Floods one connection with up to {@code units} of {@code kind}, reading what the server sends
   * when {@code read}; returns when they are written or the server has closed the connection. Each
   * unit counts in {@link #streamsSent}.
   */
  private void flood(InputStream in, OutputStream out, long units, Kind kind, boolean read)
      throws InterruptedException {
    long streams = units;
    connections.incrementAndGet();
    Thread reader = new Thread(() -> read(in), "http2-flood-reader");
    reader.setDaemon(true);
    if (read) {
      reader.start();
    }
    try {
      out.write(PREFACE);
      out.write(frame(0x4, 0, 0, new byte[0])); // an empty SETTINGS
      byte[] batch = new byte[64 * (9 + headerBlock.length + 13)];
      int id = 1;
      for (long sent = 0; sent < streams; ) {
        int inBatch = (int) Math.min(64, streams - sent);
        int at = 0;
        for (int i = 0; i < inBatch; i++, id += 2) {
          if (kind == Kind.SETTINGS) {
            at = header(batch, at, 0, SETTINGS, 0, 0);
            continue;
          }
          at = header(batch, at, headerBlock.length, HEADERS, 0x4, id);
          System.arraycopy(headerBlock, 0, batch, at, headerBlock.length);
          at += headerBlock.length;
          if (kind == Kind.RAPID_RESET) {
            at = header(batch, at, 4, RST_STREAM, 0, id);
            batch[at + 3] = 0x8; // CANCEL
            at += 4;
          }
        }
        out.write(batch, 0, at);
        sent += inBatch;
        streamsSent.addAndGet(inBatch);
      }
      out.flush();
    } catch (IOException closedByTheServer) {
      // the server closed the connection: what the flood is for
    }
    if (read) {
      reader.join(10_000);
    }
  }

  private void read(InputStream in) {
    try {
      byte[] head = new byte[9];
      while (in.readNBytes(head, 0, 9) == 9) {
        int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        int type = head[3] & 0xff;
        if (type == RST_STREAM) {
          resetsReceived.incrementAndGet();
        } else if (type == GOAWAY) {
          goAways.incrementAndGet();
        }
        in.skipNBytes(length);
      }
    } catch (IOException closed) {
      // the connection ended
    }
  }

  private static byte[] frame(int type, int flags, int stream, byte[] payload) {
    byte[] frame = new byte[9 + payload.length];
    header(frame, 0, payload.length, type, flags, stream);
    System.arraycopy(payload, 0, frame, 9, payload.length);
    return frame;
  }

  private static int header(byte[] into, int at, int length, int type, int flags, int stream) {
    into[at] = (byte) (length >>> 16);
    into[at + 1] = (byte) (length >>> 8);
    into[at + 2] = (byte) length;
    into[at + 3] = (byte) type;
    into[at + 4] = (byte) flags;
    into[at + 5] = (byte) ((stream >>> 24) & 0x7f);
    into[at + 6] = (byte) (stream >>> 16);
    into[at + 7] = (byte) (stream >>> 8);
    into[at + 8] = (byte) stream;
    return at + 9;
  }
}
