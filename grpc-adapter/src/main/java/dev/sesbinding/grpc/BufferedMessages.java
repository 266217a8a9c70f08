package dev.sesbinding.grpc;

import dev.sesbinding.serving.ByteBudget;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.util.Optional;

/**
 * Admission by bytes for gRPC, from the same budget as the HTTP API: each stream reserves {@value
 * #STREAM_BYTES} bytes from its first frame (what grpc-java and Netty hold for an open stream, with
 * room to spare), and its message bytes as they arrive (grpc-java reports them while it reads a
 * message); all are released when the stream ends. A stream or a byte that does not fit refuses the
 * call at once through its {@link MessageGate} ({@code OVERLOADED}, with {@code RetryInfo}), so no
 * sequence of frames holds memory the budget does not have, and a refused message never reaches the
 * handler.
 */
final class BufferedMessages extends ServerStreamTracer.Factory {
  /** A call's bytes, for its gate to find (the tracer runs before the interceptors). */
  static final Context.Key<Held> HELD = Context.key("ses-binding-held-bytes");

  /** What an open stream costs the budget before any message byte. */
  static final long STREAM_BYTES = 1024;

  private final ByteBudget budget;

  BufferedMessages(ByteBudget budget) {
    this.budget = budget;
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    return new Held(budget.tryReserve(STREAM_BYTES));
  }

  /** One call's bytes. */
  final class Held extends ServerStreamTracer {
    private final boolean admitted;
    private long bytes;
    private boolean ended;
    private MessageGate.Gate gate;

    private Held(boolean admitted) {
      this.admitted = admitted;
      this.bytes = admitted ? STREAM_BYTES : 0;
      this.ended = !admitted;
    }

    /** The refusal of a stream the budget had no room for, if it had none. */
    Optional<Refusal> refusedAtStart() {
      return admitted ? Optional.empty() : Optional.of(refusal());
    }

    private Refusal refusal() {
      return Refusal.of(ErrorCase.OVERLOADED, budget.exhausted());
    }

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
      Refusal refusal = refusal();
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
