package dev.sesbinding.http.violation;

import dev.sesbinding.core.ses.SesBinding;

/**
 * Breaks the adapter rule on purpose (an adapter class that knows the SES binding), so that a test
 * sees it fail.
 */
public final class ReadsSesDirectly {
  private ReadsSesDirectly() {}

  public static String name(SesBinding binding) {
    return binding.name();
  }
}
