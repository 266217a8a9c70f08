package dev.sesbinding.conformance.cli;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceConfig;
import dev.sesbinding.conformance.Profile;
import dev.sesbinding.conformance.SesBindingConformance;
import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.InProcessBinding;
import dev.sesbinding.conformance.binding.RemoteComponentBinding;
import dev.sesbinding.conformance.binding.RemoteGrpcBinding;
import dev.sesbinding.conformance.binding.RemoteHttpBinding;
import dev.sesbinding.core.internal.Argv;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run of the runnable suite tests: exactly one target ({@code --http}, {@code --grpc},
 * {@code --socket} or {@code --in-process}), the backend the binding sends to, and where reports
 * go.
 */
record RunOptions(
    String target,
    String address,
    String instance,
    String binding,
    String token,
    String backend,
    String backendEndpoint,
    String readback,
    String config,
    Path reports,
    Profile profile,
    boolean help) {

  static final String HELP =
      """
      Usage: java -jar ses-binding-conformance.jar TARGET [options]

      Runs the Dapr-style conformance cases of bindings.aws.ses against TARGET, one line per case;
      exits 0 when no case failed, 1 when one did, 2 on bad usage.

      TARGET, exactly one of:
        --http URL               a Dapr bindings HTTP API (this server, or a Dapr sidecar), e.g. http://127.0.0.1:3500
        --grpc HOST:PORT         Dapr's runtime gRPC API, e.g. 127.0.0.1:50001
        --socket PATH            a Dapr pluggable component's Unix socket; the suite Inits the instance itself,
                                 as daprd does, e.g. /tmp/dapr-components-sockets/ses-binding.sock
        --in-process             the library itself, in this JVM

      Options:
        --binding NAME           the binding's name at the target (default: the component's name, ses)
        --instance NAME          with --socket, the component instance to Init (default: the binding's name)
        --token TOKEN            the dapr-api-token to send (default: $DAPR_API_TOKEN)
        --backend KIND           moto (default: the suite starts one), localstack (Docker), or external
        --backend-endpoint URL   with --backend external: the SES endpoint the target sends to
        --readback KIND          with --backend external: moto or localstack (the suite reads each email back
                                 and verifies its sender itself), or none (real SES: only acceptance is checked)
        --profile NAME           ses-binding (default): Dapr's binding and everything this project adds, an
                                 addition the target lacks reported as NOT OFFERED; or dapr: what Dapr's own
                                 binding promises only (daprd's built-in bindings.aws.ses passes it)
        --config FILE            a Dapr conformance tests.yml, its component files beside it
        --reports DIR            write JUnit XML reports there
        --help                   print this text
      """;

  private static final List<String> TARGETS =
      List.of("--http", "--grpc", "--socket", "--in-process");

  private static final Set<String> VALUED =
      Set.of(
          "--http",
          "--grpc",
          "--socket",
          "--instance",
          "--binding",
          "--token",
          "--backend",
          "--backend-endpoint",
          "--readback",
          "--config",
          "--profile",
          "--reports");

  /** Parses {@code --flag value} and {@code --flag=value}. */
  static RunOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    String target = null;
    for (Argv.Option option : Argv.parse(args, VALUED, Set.of("--help", "--in-process"))) {
      String name = option.name();
      if (name.equals("--help")) {
        return new RunOptions("", "", "", "", "", "", "", "", "", null, Profile.SES_BINDING, true);
      }
      if (TARGETS.contains(name)) {
        target = only(target, name);
      }
      values.put(name, option.value());
    }
    if (target == null) {
      throw new IllegalArgumentException(
          "name a target: --http URL, --grpc HOST:PORT, --socket PATH or --in-process (see --help)");
    }
    String backend = values.getOrDefault("--backend", "moto");
    if (!List.of("moto", "localstack", "external").contains(backend)) {
      throw new IllegalArgumentException(
          "--backend must be moto, localstack or external, not " + backend);
    }
    String readback = values.getOrDefault("--readback", "none");
    if (!List.of("moto", "localstack", "none").contains(readback)) {
      throw new IllegalArgumentException(
          "--readback must be moto, localstack or none, not " + readback);
    }
    if (backend.equals("external") && !values.containsKey("--backend-endpoint")) {
      throw new IllegalArgumentException("--backend external needs --backend-endpoint URL");
    }
    if (target.equals("--grpc") && !values.get("--grpc").matches("[^:]+:\\d{1,5}")) {
      throw new IllegalArgumentException(
          "--grpc takes HOST:PORT, such as 127.0.0.1:50001, not " + values.get("--grpc"));
    }
    return new RunOptions(
        target,
        values.getOrDefault(target, ""),
        values.getOrDefault("--instance", ""),
        values.getOrDefault("--binding", ""),
        values.getOrDefault("--token", env.getOrDefault("DAPR_API_TOKEN", "")),
        backend,
        values.getOrDefault("--backend-endpoint", ""),
        readback,
        values.getOrDefault("--config", ""),
        values.containsKey("--reports") ? Path.of(values.get("--reports")) : null,
        Profile.of(values.getOrDefault("--profile", "ses-binding")),
        false);
  }

  private static String only(String target, String name) {
    if (target != null) {
      throw new IllegalArgumentException(
          "name one target only, not both " + target + " and " + name);
    }
    return name;
  }

  /** Sets the suite's system properties: the backend, the configuration, no silent skips. */
  void applySystemProperties() {
    System.setProperty(SesBackend.BACKEND_PROPERTY, backend);
    if (!backendEndpoint.isEmpty()) {
      System.setProperty(SesBackend.ENDPOINT_PROPERTY, backendEndpoint);
    }
    System.setProperty(SesBackend.READ_BACK_PROPERTY, readback);
    if (!config.isEmpty()) {
      System.setProperty(ConformanceConfig.CONFIG_PROPERTY, config);
    }
    System.setProperty(SesBindingConformance.FAIL_IF_BACKEND_MISSING, "true");
    System.setProperty(Profile.PROPERTY, profile.label());
  }

  /** The binding under test for this target, renamed when {@code --binding} or instance says. */
  BindingUnderTest bindingUnderTest() {
    BindingUnderTest under =
        switch (target) {
          case "--http" -> new RemoteHttpBinding(URI.create(address), token);
          case "--grpc" ->
              new RemoteGrpcBinding(
                  address.substring(0, address.lastIndexOf(':')),
                  Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)),
                  token);
          case "--socket" -> new RemoteComponentBinding(Path.of(address));
          default -> new InProcessBinding();
        };
    String name = !instance.isEmpty() && target.equals("--socket") ? instance : binding;
    return name.isEmpty() ? under : new RenamedBinding(under, name);
  }

  /** What the run's first lines say about the target and backend. */
  Optional<String> identitiesToVerify() {
    return backend.equals("external") && readback.equals("none")
        ? Optional.of(
            "against real SES, the sender the components use (SES_SENDER) and, in the SES sandbox,"
                + " every recipient of the cases must be verified identities of the account")
        : Optional.empty();
  }
}
