package dev.sesbinding.core.ses;

import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.testing.SesEmulator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A binding that sends to an emulator from a sender it has verified, for the emulator ITs. */
final class EmulatorBindings {
  private EmulatorBindings() {}

  static SesBinding sendingTo(SesEmulator emulator, String sender) throws Exception {
    emulator.start();
    emulator.verifySender(sender);
    return SesBinding.init(
            ComponentMetadata.of(
                "ses",
                SesBinding.TYPE,
                SesBinding.VERSION,
                emulator.componentMetadata(Map.of("emailFrom", sender))))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }
}
