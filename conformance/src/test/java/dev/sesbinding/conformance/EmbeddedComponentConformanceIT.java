package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.EmbeddedServerBinding;

/** The same cases through the server as a Dapr pluggable component, called as daprd calls it. */
class EmbeddedComponentConformanceIT extends SesBindingConformance {
  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return EmbeddedServerBinding.asPluggableComponent();
  }
}
