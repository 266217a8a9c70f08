package dev.sesbinding.core.ses;

import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesEmulator;
import org.junit.jupiter.api.extension.RegisterExtension;

class SesBindingMotoIT extends SesEmulatorContract {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();

  @Override
  protected SesEmulator emulator() {
    return MOTO;
  }
}
