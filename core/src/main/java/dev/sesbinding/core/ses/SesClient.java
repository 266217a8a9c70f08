package dev.sesbinding.core.ses;

import java.util.concurrent.CompletionStage;

/** A transport that speaks to SES itself, and so can ask it for the account's send rate. */
interface SesClient extends EmailTransport {

  /** The account's maximum send rate, emails per second (SES {@code GetSendQuota}). */
  CompletionStage<Double> accountRate();
}
