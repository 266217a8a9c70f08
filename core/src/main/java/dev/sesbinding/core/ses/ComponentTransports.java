package dev.sesbinding.core.ses;

import static dev.sesbinding.core.ses.SesBinding.TYPE;
import static dev.sesbinding.core.ses.SesBinding.VERSION;

import dev.sesbinding.auth.AwsAuth;
import dev.sesbinding.auth.AwsAuthException;
import dev.sesbinding.auth.AwsAuthSettings;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.internal.Sizes;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport a component's metadata asks for ({@code transport}: SES, paced or not, or an
 * outbox), assembled at init, and the one shape of an init failure's message.
 */
final class ComponentTransports {
  private static final Logger LOG = LoggerFactory.getLogger(ComponentTransports.class);

  private ComponentTransports() {}

  /**
   * The transport the component's metadata asks for; the binding built it, so the binding closes
   * it.
   */
  static CompletionStage<EmailTransport> of(
      ComponentMetadata component, SesBindingOptions options) {
    String kind =
        component.properties().get(SesKeys.TRANSPORT).orElse("").strip().toLowerCase(Locale.ROOT);
    switch (kind) {
      case "outbox" -> {
        return CompletableFuture.completedFuture(
            new OutboxTransport(
                outboxCapacity(component), outboxMaxBytes(component), options.clock()));
      }
      case "", "ses" -> {
        AwsAuthSettings settings =
            AwsAuthSettings.fromMetadata(component.properties().asMap(), SesKeys.ALL);
        settings
            .warnings()
            .forEach(warning -> LOG.warn("component {}: {}", component.name(), warning));
        Optional<SendRate> rate = SendRate.of(component);
        CompletionStage<SesClient> ses =
            AwsAuth.resolve(settings, options.initExecutor())
                .handle(
                    (auth, error) -> {
                      if (error != null) {
                        throw new CompletionException(initError(component, error));
                      }
                      return options
                          .sesHttpClient()
                          .<SesClient>map(
                              http -> QueryTransport.create(component.name(), auth, http, options))
                          .orElseGet(() -> SesTransport.create(component.name(), auth, options));
                    });
        if (rate.isEmpty()) {
          return ses.thenApply(transport -> transport);
        }
        // Waiting its turn may take half the time a send may take (the caller's deadline less a
        // margin); a send itself takes far less.
        Duration maxWait = options.apiCallTimeout().dividedBy(2);
        return ses.thenCompose(
            transport ->
                PacedTransport.start(
                        transport,
                        rate.get(),
                        maxWait,
                        transport::accountRate,
                        component.name(),
                        options.events())
                    .whenComplete(
                        (paced, error) -> {
                          if (error != null) {
                            transport.close();
                          }
                        })
                    .handle(
                        (paced, error) -> {
                          if (error != null) {
                            throw new CompletionException(initError(component, error));
                          }
                          return paced;
                        }));
      }
      default ->
          throw new BindingException(
              Kind.CALLER,
              "metadata key \"transport\": \""
                  + kind
                  + "\" is not supported; use ses (the default) or outbox");
    }
  }

  private static int outboxCapacity(ComponentMetadata component) {
    String value = component.properties().get(SesKeys.OUTBOX_CAPACITY).orElse("").strip();
    if (value.isEmpty()) {
      return OutboxTransport.DEFAULT_CAPACITY;
    }
    try {
      int capacity = Integer.parseInt(value);
      if (capacity >= 1 && capacity <= OutboxTransport.MAX_CAPACITY) {
        return capacity;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BindingException(
        Kind.CALLER,
        "metadata key \"outboxCapacity\": \""
            + value
            + "\" is not a whole number from 1 to "
            + OutboxTransport.MAX_CAPACITY);
  }

  /** A size in the one grammar ({@link Sizes}), from 1 KiB to 1 GiB. */
  private static long outboxMaxBytes(ComponentMetadata component) {
    String value = component.properties().get(SesKeys.OUTBOX_MAX_BYTES).orElse("").strip();
    if (value.isEmpty()) {
      return OutboxTransport.DEFAULT_MAX_BYTES;
    }
    OptionalLong bytes = Sizes.parse(value);
    if (bytes.isPresent()
        && bytes.getAsLong() >= OutboxTransport.MIN_MAX_BYTES
        && bytes.getAsLong() <= OutboxTransport.MAX_MAX_BYTES) {
      return bytes.getAsLong();
    }
    throw new BindingException(
        Kind.CALLER,
        "metadata key \"outboxMaxBytes\": \""
            + value
            + "\" is not a size from 1Ki to 1Gi, such as 16Mi, 512Ki or 1048576");
  }

  static BindingException initError(ComponentMetadata component, Throwable failure) {
    Throwable error =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String prefix = "init component " + component.name() + " (" + TYPE + "/" + VERSION + "): ";
    if (error instanceof BindingException binding) {
      return binding.getMessage().startsWith("init component ") && binding.kind() == Kind.INIT
          ? binding
          : new BindingException(
              Kind.INIT,
              binding.getMessage().startsWith("init component ")
                  ? binding.getMessage()
                  : prefix + binding.getMessage());
    }
    if (error instanceof AwsAuthException auth) {
      return new BindingException(Kind.INIT, prefix + auth.getMessage());
    }
    return new BindingException(
        Kind.INIT, prefix + error.getClass().getSimpleName() + ": " + error.getMessage());
  }
}
