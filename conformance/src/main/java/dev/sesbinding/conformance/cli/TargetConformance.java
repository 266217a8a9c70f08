package dev.sesbinding.conformance.cli;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.SesBindingConformance;
import dev.sesbinding.conformance.backend.SesBackend;

/** The suite against the target the runnable was given. */
public class TargetConformance extends SesBindingConformance {
  /** Set by {@link ConformanceMain} before it launches the suite in the same JVM. */
  static volatile RunOptions run;

  @Override
  protected BindingUnderTest bindingUnderTest(SesBackend backend) {
    return run.bindingUnderTest();
  }
}
