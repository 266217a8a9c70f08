package dev.sesbinding.components;

/**
 * A component that cannot be loaded or initialised; the message names the component, the key and
 * the problem.
 */
public final class ComponentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ComponentException(String message) {
    super(message);
  }

  public ComponentException(String message, Throwable cause) {
    super(message, cause);
  }
}
