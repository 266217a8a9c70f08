package dev.sesbinding.serving;

import dev.sesbinding.core.InvokeResponse;
import java.util.Optional;

/** How a call ended: the binding's response, or a {@link Refusal}; exactly one of the two. */
public final class Outcome {
  private final InvokeResponse response;
  private final Refusal refusal;

  private Outcome(InvokeResponse response, Refusal refusal) {
    this.response = response;
    this.refusal = refusal;
  }

  public static Outcome success(InvokeResponse response) {
    if (response == null) {
      throw new IllegalArgumentException("a success has a response");
    }
    return new Outcome(response, null);
  }

  public static Outcome refused(Refusal refusal) {
    if (refusal == null) {
      throw new IllegalArgumentException("a refusal is needed");
    }
    return new Outcome(null, refusal);
  }

  public boolean succeeded() {
    return response != null;
  }

  /** The binding's response, on success. */
  public Optional<InvokeResponse> response() {
    return Optional.ofNullable(response);
  }

  /** The refusal, on failure. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  @Override
  public String toString() {
    return succeeded() ? "Outcome[success]" : "Outcome[" + refusal + "]";
  }
}
