package dev.sesbinding.conformance.backend;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * An SES endpoint the suite cannot read back from (real SES, or an emulator without a read API):
 * the suite checks that each email was accepted, not what arrived. Variables come from the
 * environment ({@code SES_REGION}, {@code SES_ACCESS_KEY}, {@code SES_SECRET_KEY}, {@code
 * SES_SENDER}, a verified identity).
 */
final class WriteOnlyBackend implements SesBackend {
  private final URI endpoint;

  WriteOnlyBackend(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "external SES at " + endpoint;
  }

  @Override
  public void start() {}

  @Override
  public Map<String, String> variables() {
    Map<String, String> variables = new HashMap<>();
    variables.put("SES_ENDPOINT", endpoint.toString());
    return variables;
  }
}
