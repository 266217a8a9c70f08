package dev.sesbinding.core.ses;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP client that carries SES's Query calls when the binding speaks SES's protocol itself
 * ({@link SesBindingOptions.Builder#sesHttpClient}) instead of through the AWS SDK's client: the
 * binding builds, signs and reads each call; this only moves bytes. A server hands in a client on
 * its own event loops; whoever made it closes it, after the bindings that use it.
 */
public interface SesHttpClient {

  /**
   * POSTs {@code body} with exactly {@code headers} (signed: add none but {@code Content-Length})
   * to {@code uri}, and completes with SES's answer, whatever its status. Fails with a {@link
   * java.net.ConnectException} when no byte of the request was sent, which the binding may retry,
   * and with another {@link java.io.IOException} when the exchange broke off after that. The
   * binding's callbacks on the future never block. Completing the returned future first (cancelling
   * it) aborts the exchange.
   */
  CompletableFuture<SesHttpAnswer> post(URI uri, Map<String, List<String>> headers, byte[] body);
}
