package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.EmbeddedServerBinding;

/**
 * The same cases through the pluggable component, called as daprd calls it, its bindings calling
 * SES through the AWS SDK's client ({@code --ses-client sdk}).
 */
class ComponentSesThroughTheSdkConformanceIT extends SesBindingConformance {
  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return EmbeddedServerBinding.asPluggableComponent().callingSesThroughTheSdk();
  }
}
