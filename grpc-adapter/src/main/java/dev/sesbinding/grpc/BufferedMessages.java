package dev.sesbinding.grpc;

import dev.sesbinding.core.ByteBudget;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Admission by bytes for gRPC, from the same budget as the HTTP API: each call's message bytes are
 * reserved as they arrive (grpc-java reports them while it reads a message) and released when the
 * call ends. A byte that does not fit fails the call at once with {@code RESOURCE_EXHAUSTED}, as a
 * message over the size limit fails, so a message never finishes arriving into memory the budget
 * does not have.
 */
final class BufferedMessages extends ServerStreamTracer.Factory {
  private final ByteBudget budget;

  BufferedMessages(ByteBudget budget) {
    this.budget = budget;
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    return new Held();
  }

  /** One call's bytes. */
  private final class Held extends ServerStreamTracer {
    private long bytes;
    private boolean ended;

    @Override
    public synchronized void inboundWireSize(long size) {
      if (ended) {
        return;
      }
      if (!budget.tryReserve(size)) {
        throw Status.RESOURCE_EXHAUSTED
            .withDescription(
                "too many request bytes held at once (limit "
                    + budget.limit()
                    + ", --max-buffered-bytes); retry later")
            .asRuntimeException();
      }
      bytes += size;
    }

    @Override
    public synchronized void streamClosed(Status status) {
      ended = true;
      budget.release(bytes);
      bytes = 0;
    }
  }
}
