package dev.sesbinding.core.ses;

import dev.sesbinding.testing.LocalStackSes;
import dev.sesbinding.testing.SesEmulator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class SesBindingLocalStackIT extends SesEmulatorContract {
  @RegisterExtension static final LocalStackSes LOCALSTACK = LocalStackSes.create();

  @Override
  protected SesEmulator emulator() {
    return LOCALSTACK;
  }
}
