package dev.sesbinding.http;

import dev.sesbinding.core.BindingException;

/** The one table from a binding error's kind to the HTTP status that says who can fix it (contract section 4). */
public final class Statuses {
  private Statuses() {}

  public static int of(BindingException.Kind kind) {
    return switch (kind) {
      case CALLER -> 400;
      case REJECTED -> 422;
      case THROTTLED -> 429;
      case UNAVAILABLE -> 502;
      case TIMEOUT -> 504;
    };
  }
}
