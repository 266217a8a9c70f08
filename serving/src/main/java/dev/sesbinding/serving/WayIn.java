package dev.sesbinding.serving;

/** How a call reached the binding, as listeners (metrics, traces) label it. */
public enum WayIn {
  /** Dapr's bindings HTTP API ({@code POST /v1.0/bindings/{name}}). */
  HTTP,
  /** Dapr's runtime gRPC API ({@code InvokeBinding}). */
  GRPC,
  /** The pluggable component's socket ({@code OutputBinding/Invoke}, from daprd). */
  PLUGGABLE
}
