package dev.sesbinding.grpc;

import dev.sesbinding.serving.TraceContext;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * The W3C trace context of a gRPC call, from its {@code traceparent} and {@code tracestate}
 * metadata (which daprd passes on to components, and Dapr's SDKs send), put in the call's context;
 * and the call's trace context, once {@link BindingCalls} has set it, sent back in the answer's
 * headers, as daprd answers.
 */
final class TraceHeaders implements ServerInterceptor {
  static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TRACESTATE =
      Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<Exchange> EXCHANGE = Context.key("trace-context");

  /** The caller's context, and the one to answer with (set once the call has started). */
  static final class Exchange {
    final TraceContext incoming;
    volatile TraceContext answer = TraceContext.NONE;

    Exchange(TraceContext incoming) {
      this.incoming = incoming;
    }
  }

  /** The current call's exchange, or one with no context outside a call. */
  static Exchange current() {
    Exchange exchange = EXCHANGE.get();
    return exchange == null ? new Exchange(TraceContext.NONE) : exchange;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Exchange exchange =
        new Exchange(TraceContext.of(headers.get(TRACEPARENT), headers.get(TRACESTATE)));
    ServerCall<Q, R> answering =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata answerHeaders) {
            TraceContext answer = exchange.answer;
            answer.parent().ifPresent(parent -> answerHeaders.put(TRACEPARENT, parent));
            if (!answer.tracestate().isEmpty()) {
              answerHeaders.put(TRACESTATE, answer.tracestate());
            }
            super.sendHeaders(answerHeaders);
          }
        };
    return Contexts.interceptCall(
        Context.current().withValue(EXCHANGE, exchange), answering, headers, next);
  }
}
