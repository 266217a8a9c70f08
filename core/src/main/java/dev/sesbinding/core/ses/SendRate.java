package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import java.util.Optional;

/**
 * The component's pace: {@code maxSendRate} emails per second (a number, or {@code auto}: the
 * account's maximum send rate from SES {@code GetSendQuota}), divided by {@code sendRateReplicas}
 * (default 1), the replicas sharing the account's rate. No {@code maxSendRate}: no pacing.
 */
record SendRate(double perSecond, boolean auto, int replicas) {
  static final double MAX_RATE = 100_000;

  /**
   * One email every 100 s at the slowest: a slower pace would make every wait, and the retry-after
   * it answers with, longer than any caller waits.
   */
  static final double MIN_RATE = 0.01;

  static final int MAX_REPLICAS = 10_000;

  /** The pace the component asks for, if any. */
  static Optional<SendRate> of(ComponentMetadata component) {
    String rate = component.properties().get(SesKeys.MAX_SEND_RATE).orElse("").strip();
    String replicas = component.properties().get(SesKeys.SEND_RATE_REPLICAS).orElse("").strip();
    if (rate.isEmpty()) {
      if (!replicas.isEmpty()) {
        throw new BindingException(
            Kind.CALLER,
            "metadata key \"sendRateReplicas\" needs \"maxSendRate\" (a number or auto)");
      }
      return Optional.empty();
    }
    int shares = replicas(replicas);
    if (rate.equalsIgnoreCase("auto")) {
      return Optional.of(new SendRate(0, true, shares));
    }
    try {
      double perSecond = Double.parseDouble(rate);
      if (perSecond >= MIN_RATE && perSecond <= MAX_RATE) {
        return Optional.of(new SendRate(perSecond, false, shares));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BindingException(
        Kind.CALLER,
        "metadata key \"maxSendRate\": \""
            + rate
            + "\" is not auto or a number of emails per second from 0.01 to 100000, such as 14 or"
            + " 0.5");
  }

  private static int replicas(String value) {
    if (value.isEmpty()) {
      return 1;
    }
    try {
      int replicas = Integer.parseInt(value);
      if (replicas >= 1 && replicas <= MAX_REPLICAS) {
        return replicas;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BindingException(
        Kind.CALLER,
        "metadata key \"sendRateReplicas\": \""
            + value
            + "\" is not a whole number of replicas from 1 to 10000");
  }

  /** This replica's share of {@code accountRate} emails per second. */
  double share(double accountRate) {
    return accountRate / replicas;
  }
}
