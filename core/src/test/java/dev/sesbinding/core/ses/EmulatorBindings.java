package dev.sesbinding.core.ses;

import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesEmulator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Bindings for the ITs: to an emulator from a sender it has verified, or to the recording stub. */
final class EmulatorBindings {
  private EmulatorBindings() {}

  /**
   * A binding that sends from {@code sender} to the recording stub, with {@code extra} metadata.
   */
  static SesBinding sendingTo(FaultySes stub, String sender, Map<String, String> extra) {
    Map<String, String> metadata =
        new java.util.HashMap<>(
            Map.of(
                "region", "eu-west-1",
                "endpoint", stub.endpoint().toString(),
                "accessKey", "AKIA1",
                "secretKey", "s",
                "emailFrom", sender));
    metadata.putAll(extra);
    return SesBinding.init(
            ComponentMetadata.of("ses", SesBinding.TYPE, SesBinding.VERSION, metadata))
        .toCompletableFuture()
        .join();
  }

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
