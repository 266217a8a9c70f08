package dev.sesbinding.conformance;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.InProcessBinding;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The library against LocalStack, where Docker runs; skipped with a one-line reason elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackConformanceIT extends SesBindingConformance {
  @Override
  protected SesBackend backend() {
    return SesBackend.localStack();
  }

  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return new InProcessBinding();
  }
}
