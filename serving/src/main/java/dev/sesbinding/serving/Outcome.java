package dev.sesbinding.serving;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.ServiceError;
import java.util.Optional;

/**
 * How a call ended: the binding's response, or a {@link Refusal} (with what the email service said
 * of it, where it answered); exactly one of the two.
 */
public final class Outcome {
  private final InvokeResponse response;
  private final Refusal refusal;
  private final ServiceError serviceError;

  private Outcome(InvokeResponse response, Refusal refusal, ServiceError serviceError) {
    this.response = response;
    this.refusal = refusal;
    this.serviceError = serviceError;
  }

  public static Outcome success(InvokeResponse response) {
    if (response == null) {
      throw new IllegalArgumentException("a success has a response");
    }
    return new Outcome(response, null, null);
  }

  public static Outcome refused(Refusal refusal) {
    return refused(refusal, null);
  }

  /** Refused, as the email service's {@code serviceError} (null when it did not answer). */
  public static Outcome refused(Refusal refusal, ServiceError serviceError) {
    if (refusal == null) {
      throw new IllegalArgumentException("a refusal is needed");
    }
    return new Outcome(null, refusal, serviceError);
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

  /** The email service's error code and request id, where it answered the refused send. */
  public Optional<ServiceError> serviceError() {
    return Optional.ofNullable(serviceError);
  }

  @Override
  public String toString() {
    return succeeded() ? "Outcome[success]" : "Outcome[" + refusal + "]";
  }
}
