package dev.sesbinding.serving;

import java.util.Objects;

/**
 * What one server has to give at once, counted live and shared by every way in it serves (the HTTP
 * API, Dapr's gRPC API, the component socket): calls in flight, request bytes held, connections
 * open. Made once per server from its {@link ServingLimits}.
 */
public final class Capacity {
  private final Permits inFlight;
  private final ByteBudget bytes;
  private final Permits connections;

  private Capacity(Permits inFlight, ByteBudget bytes, Permits connections) {
    this.inFlight = inFlight;
    this.bytes = bytes;
    this.connections = connections;
  }

  /** Fresh counts, none taken, bounded as {@code limits} says. */
  public static Capacity of(ServingLimits limits) {
    Objects.requireNonNull(limits, "limits");
    return new Capacity(
        Permits.of("calls in flight", limits.maxInFlight()),
        ByteBudget.of(limits.maxBufferedBytes()),
        Permits.of("connections", limits.maxConnections()));
  }

  /** Binding calls being handled ({@code --max-in-flight}). */
  public Permits inFlight() {
    return inFlight;
  }

  /** Request bytes held ({@code --max-buffered-bytes}). */
  public ByteBudget bytes() {
    return bytes;
  }

  /** Connections open ({@code --max-connections}). */
  public Permits connections() {
    return connections;
  }

  @Override
  public String toString() {
    return "Capacity[" + inFlight + ", " + bytes + ", " + connections + "]";
  }
}
