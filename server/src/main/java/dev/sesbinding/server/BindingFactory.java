package dev.sesbinding.server;

import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.core.SesEvents;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Initialises the bindings of one component type, with what the server decides for every binding it
 * serves.
 */
@FunctionalInterface
interface BindingFactory {

  /**
   * Initialises {@code component}'s binding.
   *
   * @param blocking where init's blocking steps may run (never an event loop)
   * @param deadline how long a caller waits for each answer; the binding's own calls end before it
   * @param events who is told of the binding's SES attempts (metrics)
   */
  CompletionStage<RegisteredBinding> create(
      ComponentMetadata component, Executor blocking, Duration deadline, SesEvents events);
}
