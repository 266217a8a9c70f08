package dev.sesbinding.grpc;

import dev.sesbinding.serving.ByteBudget;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Admission by bytes for gRPC, from the same budget as the HTTP API: each call's message bytes are
 * reserved as they arrive (grpc-java reports them while it reads a message) and released when the
 * call ends. A byte that does not fit refuses the call at once through its {@link MessageGate}
 * ({@code OVERLOADED}, with {@code RetryInfo}), so a message never finishes arriving into memory
 * the budget does not have and never reaches the handler.
 */
final class BufferedMessages extends ServerStreamTracer.Factory {
  /** A call's bytes, for its gate to find (the tracer runs before the interceptors). */
  static final Context.Key<Held> HELD = Context.key("ses-binding-held-bytes");

  private final ByteBudget budget;

  BufferedMessages(ByteBudget budget) {
    this.budget = budget;
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    return new Held();
  }

  /** One call's bytes. */
  final class Held extends ServerStreamTracer {
    private long bytes;
    private boolean ended;
    private MessageGate.Gate gate;

    @Override
    public Context filterContext(Context context) {
      return context.withValue(HELD, this);
    }

    synchronized void gate(MessageGate.Gate gate) {
      this.gate = gate;
    }

    @Override
    public synchronized void inboundWireSize(long size) {
      if (ended) {
        return;
      }
      if (budget.tryReserve(size)) {
        bytes += size;
        return;
      }
      ended = true; // refused: what else arrives for it is dropped with the stream
      Refusal refusal = Refusal.of(ErrorCase.OVERLOADED, budget.exhausted());
      if (gate == null || !gate.refuse(refusal)) {
        // no gate to close it (or its message already in): grpc-java ends the stream itself
        throw GrpcErrors.of(refusal);
      }
    }

    @Override
    public synchronized void streamClosed(Status status) {
      ended = true;
      budget.release(bytes);
      bytes = 0;
    }
  }
}
