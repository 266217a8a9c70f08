package dev.sesbinding.conformance;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * What a run certifies: {@link #DAPR}, what Dapr's own binding promises (delivery with To, Cc, Bcc,
 * subject and body; Dapr's texts for missing fields and bad data; unsupported operations refused),
 * or {@link #SES_BINDING}, that and everything this project adds (message ids, statuses by cause,
 * validation, header-injection guards, text, attachments, templates). Under {@code ses-binding} an
 * addition the target lacks fails as {@link NotOffered}, apart from a Dapr promise it breaks.
 */
public enum Profile {
  DAPR,
  SES_BINDING;

  /** The system property that chooses the profile: {@code dapr} or {@code ses-binding}. */
  public static final String PROPERTY = "conformance.profile";

  /** The profile {@link #PROPERTY} names; {@code ses-binding} by default. */
  public static Profile current() {
    return of(System.getProperty(PROPERTY, "ses-binding"));
  }

  /** The profile of that name. */
  public static Profile of(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "dapr" -> DAPR;
      case "ses-binding" -> SES_BINDING;
      default ->
          throw new IllegalArgumentException(
              "the profile is dapr or ses-binding, not " + name.strip());
    };
  }

  /** How the command line names it. */
  public String label() {
    return this == DAPR ? "dapr" : "ses-binding";
  }

  /**
   * A case that checks only what this project adds to Dapr's binding: skipped under {@code dapr};
   * under {@code ses-binding} a failure of it is {@link NotOffered}.
   */
  void additionCase(String what, Executable addition) throws Throwable {
    Assumptions.assumeTrue(this == SES_BINDING, what + " is not part of profile dapr");
    addition(what, addition);
  }

  /**
   * The part of a case of Dapr's that checks what this project adds: not checked under {@code
   * dapr}; under {@code ses-binding} a failure of it is {@link NotOffered}.
   */
  void addition(String what, Executable addition) throws Throwable {
    if (this == DAPR) {
      return;
    }
    try {
      addition.execute();
    } catch (TestAbortedException skipped) {
      throw skipped;
    } catch (AssertionError | RuntimeException e) {
      throw new NotOffered(what, e);
    }
  }

  /** A case, or part of one, that goes beyond Dapr's binding and the target does not offer. */
  public static final class NotOffered extends AssertionError {
    private static final long serialVersionUID = 1L;

    NotOffered(String what, Throwable why) {
      super("not offered: " + what + " (beyond Dapr's binding): " + why.getMessage(), why);
    }
  }
}
