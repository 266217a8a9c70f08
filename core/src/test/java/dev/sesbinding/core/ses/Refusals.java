package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** What a caller hears when a value or request is refused, for tests that compare two paths. */
final class Refusals {
  private Refusals() {}

  /** The message of the caller's error that {@code build} fails with; fails if it succeeds. */
  static String refusal(ThrowingSupplier<?> build) {
    try {
      build.get();
    } catch (Throwable e) {
      assertThat(e).isInstanceOf(BindingException.class);
      assertThat(((BindingException) e).kind()).isEqualTo(BindingException.Kind.CALLER);
      return e.getMessage();
    }
    throw new AssertionError("accepted");
  }
}
