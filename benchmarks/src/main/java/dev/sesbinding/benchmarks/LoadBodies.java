package dev.sesbinding.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the load generators' email as request bodies for native load tools: {@code http.json}
 * (Dapr's HTTP API, {@link LoadGenerator}'s body) and {@code grpc.bin} (one gRPC message frame of
 * {@code InvokeBinding}, {@link GrpcLoadGenerator}'s request), so that wrk and h2load send exactly
 * what the Java generators send.
 *
 * <p>{@code java -cp benchmarks.jar dev.sesbinding.benchmarks.LoadBodies <folder> <binding>}
 */
public final class LoadBodies {
  private LoadBodies() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    String binding = args[1];
    Files.writeString(folder.resolve("http.json"), LoadGenerator.BODY, StandardCharsets.UTF_8);
    byte[] message = SendFixture.invokeBinding(binding).toByteArray();
    // gRPC's length-prefixed message: not compressed (0), then the length, big-endian
    ByteBuffer frame = ByteBuffer.allocate(5 + message.length);
    frame.put((byte) 0).putInt(message.length).put(message);
    Files.write(folder.resolve("grpc.bin"), frame.array());
  }
}
