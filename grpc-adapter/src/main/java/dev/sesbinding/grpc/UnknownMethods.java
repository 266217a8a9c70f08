package dev.sesbinding.grpc;

import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Every method this server does not serve, {@code Dapr/SaveState} among them: {@code
 * UNIMPLEMENTED}, naming what it does serve (gRPC's own answer names only the missing method).
 */
final class UnknownMethods extends HandlerRegistry {
  /** What Dapr's runtime API serves. */
  static final String RUNTIME =
      "this server serves dapr.proto.runtime.v1.Dapr/InvokeBinding and"
          + " dapr.proto.runtime.v1.Dapr/GetMetadata (and grpc.health.v1.Health, server reflection)";

  /** What the pluggable component serves. */
  static final String COMPONENT =
      "this component serves dapr.proto.components.v1.OutputBinding (Init, Invoke, ListOperations,"
          + " Ping; and grpc.health.v1.Health, server reflection)";

  private final String served;

  UnknownMethods(String served) {
    this.served = served;
  }

  /** The request's bytes, unread: the answer never looks at them. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNKNOWN)
            .setFullMethodName(methodName)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    ServerCallHandler<byte[], byte[]> unimplemented =
        (call, headers) -> {
          GrpcErrors.close(
              call,
              Refusal.of(
                  ErrorCase.NO_SUCH_METHOD, "no such method: " + methodName + "; " + served));
          return new ServerCall.Listener<>() {};
        };
    return ServerMethodDefinition.create(method, unimplemented);
  }
}
