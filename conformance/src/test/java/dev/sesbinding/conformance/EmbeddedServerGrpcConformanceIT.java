package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.EmbeddedServerBinding;

/** The same cases through Dapr's gRPC API of the server, as apps on Dapr's SDKs reach it. */
class EmbeddedServerGrpcConformanceIT extends SesBindingConformance {
  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return EmbeddedServerBinding.overGrpc();
  }
}
