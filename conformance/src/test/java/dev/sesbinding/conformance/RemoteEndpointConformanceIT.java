package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.RemoteHttpBinding;
import java.net.URI;

/**
 * The remote adapter. With {@code -Dconformance.url=http://host:port} (and {@code
 * -Dconformance.token} if the endpoint needs one) it tests that endpoint, whose component must send
 * to the backend the suite reads from; without it, it tests a server started from the built jar, as
 * a user would run it.
 */
class RemoteEndpointConformanceIT extends SesBindingConformance {
  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    String url = System.getProperty("conformance.url", "");
    if (!url.isBlank()) {
      return new RemoteHttpBinding(URI.create(url), System.getProperty("conformance.token", ""));
    }
    return new ServerJarBinding();
  }
}
