package dev.sesbinding.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * daprd names the component instance of every call in the metadata {@code x-component-instance}
 * (one socket serves many components): this puts it in the call's context. A call without it is for
 * the unnamed instance {@value #UNNAMED}.
 */
final class ComponentInstanceInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-component-instance", Metadata.ASCII_STRING_MARSHALLER);
  static final String UNNAMED = "";
  static final Context.Key<String> INSTANCE = Context.key("x-component-instance");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String instance = headers.get(HEADER);
    return Contexts.interceptCall(
        Context.current().withValue(INSTANCE, instance == null ? UNNAMED : instance),
        call,
        headers,
        next);
  }
}
