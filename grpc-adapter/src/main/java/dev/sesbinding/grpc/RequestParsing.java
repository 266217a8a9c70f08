package dev.sesbinding.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.sesbinding.core.internal.Utf8;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request message that does not parse (bytes that are not protobuf, a string field that is not
 * UTF-8) is the caller's to fix: {@code INVALID_ARGUMENT} naming the field, where grpc-java would
 * answer {@code UNKNOWN "Application error processing RPC"} and log a trace. A service's request
 * marshallers are wrapped so that a failed parse yields a marker message instead of a throw; the
 * call's {@link MessageGate} refuses the marker before the handler sees it.
 */
final class RequestParsing {
  /** Why the last parse on this thread failed: the gate reads it right after, on the same call. */
  private static final ThreadLocal<String> FAILURE = new ThreadLocal<>();

  private RequestParsing() {}

  /** {@code service} with request marshallers that never throw on a malformed message. */
  static ServerServiceDefinition lenient(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> wrapped = wrap(method);
      descriptor.addMethod(wrapped.getMethodDescriptor());
      methods.add(wrapped);
    }
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
    for (ServerMethodDefinition<?, ?> method : methods) {
      builder.addMethod(method);
    }
    return builder.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> wrap(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    if (!(descriptor.getRequestMarshaller()
            instanceof MethodDescriptor.PrototypeMarshaller<Q> proto)
        || !(proto.getMessagePrototype() instanceof Message prototype)) {
      return method;
    }
    @SuppressWarnings("unchecked") // a new, empty instance of the request's own type
    Q marker = (Q) prototype.toBuilder().build();
    return ServerMethodDefinition.create(
        descriptor.toBuilder()
            .setRequestMarshaller(new Lenient<>(proto, prototype, marker))
            .build(),
        method.getServerCallHandler());
  }

  /** The refusal of {@code message} when it is the marker of a message that did not parse. */
  static Optional<Refusal> malformed(ServerCall<?, ?> call, Object message) {
    if (call.getMethodDescriptor().getRequestMarshaller() instanceof Lenient<?> lenient
        && lenient.marker == message) {
      String why = FAILURE.get();
      FAILURE.remove();
      return Optional.of(
          Refusal.of(
              ErrorCase.MALFORMED_REQUEST,
              "the request is not a valid "
                  + lenient.type.getFullName()
                  + ": "
                  + (why == null ? "it does not parse" : why)));
    }
    return Optional.empty();
  }

  /** A request marshaller that answers a marker for what does not parse, never throws. */
  private static final class Lenient<Q> implements MethodDescriptor.Marshaller<Q> {
    private final MethodDescriptor.Marshaller<Q> delegate;
    private final Message prototype;
    private final Descriptor type;
    private final Q marker;

    Lenient(MethodDescriptor.Marshaller<Q> delegate, Message prototype, Q marker) {
      this.delegate = delegate;
      this.prototype = prototype;
      this.type = prototype.getDescriptorForType();
      this.marker = marker;
    }

    @Override
    public InputStream stream(Q value) {
      return delegate.stream(value);
    }

    @Override
    @SuppressWarnings("unchecked") // the parser of the request's own type
    public Q parse(InputStream stream) {
      byte[] bytes;
      try {
        bytes = stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        return (Q) prototype.getParserForType().parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        FAILURE.set(describe(bytes, e));
        return marker;
      }
    }

    /** Which field is not UTF-8, or why the bytes are not protobuf. */
    private String describe(byte[] bytes, InvalidProtocolBufferException failure) {
      try {
        Optional<String> field = invalidString(CodedInputStream.newInstance(bytes), type, "");
        if (field.isPresent()) {
          return field.get() + " is not valid UTF-8";
        }
      } catch (IOException | RuntimeException notProtobuf) {
        // described below
      }
      return "the bytes are not protobuf (" + failure.getMessage() + ")";
    }
  }

  /** The first string field of {@code in} (of {@code type}) that is not UTF-8, named. */
  private static Optional<String> invalidString(CodedInputStream in, Descriptor type, String path)
      throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      FieldDescriptor field = type.findFieldByNumber(tag >>> 3);
      if (field == null || (tag & 7) != 2) {
        in.skipField(tag);
        continue;
      }
      String name = path + field.getName();
      if (field.getType() == FieldDescriptor.Type.STRING) {
        if (!Utf8.isValid(in.readByteArray())) {
          return Optional.of("field " + name);
        }
      } else if (field.getType() == FieldDescriptor.Type.MESSAGE) {
        Optional<String> inner =
            invalidString(
                CodedInputStream.newInstance(in.readByteArray()),
                field.getMessageType(),
                name + (field.isMapField() ? " (an entry's) " : "."));
        if (inner.isPresent()) {
          return inner;
        }
      } else {
        in.skipField(tag);
      }
    }
    return Optional.empty();
  }
}
