package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.InProcessBinding;

class InProcessConformanceIT extends SesBindingConformance {
  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return new InProcessBinding();
  }
}
