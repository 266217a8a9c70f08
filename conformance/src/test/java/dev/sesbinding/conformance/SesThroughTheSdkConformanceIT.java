package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.EmbeddedServerBinding;

/**
 * The same cases through the server over HTTP, its bindings calling SES through the AWS SDK's
 * client ({@code --ses-client sdk}) rather than the default, over the server's own event loops.
 */
class SesThroughTheSdkConformanceIT extends SesBindingConformance {
  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return EmbeddedServerBinding.overHttp().callingSesThroughTheSdk();
  }
}
