package dev.sesbinding.core.ses;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.email.BulkEmail;
import dev.sesbinding.core.email.BulkStatus;
import dev.sesbinding.core.email.Email;
import dev.sesbinding.core.email.Outbox;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dapr {@code bindings.aws.ses} ({@code v1}) output binding: operation {@code create} sends the
 * request's data as an email through SES {@code SendEmail}, or keeps it in an outbox when the
 * component says {@code transport: outbox}. Thread-safe; one instance per component.
 */
public final class SesBinding implements OutputBinding {
  public static final String TYPE = "bindings.aws.ses";
  public static final String VERSION = "v1";
  public static final String CREATE = "create";
  private static final Logger LOG = LoggerFactory.getLogger(SesBinding.class);

  private final String name;
  private final EmailComposer composer;
  private final EmailTransport transport;
  private final boolean ownsTransport;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SesBinding(
      String name, EmailComposer composer, EmailTransport transport, boolean ownsTransport) {
    this.name = name;
    this.composer = composer;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
  }

  /** Initialises the binding for {@code component} with default options. */
  public static CompletionStage<SesBinding> init(ComponentMetadata component) {
    return init(component, SesBindingOptions.defaults());
  }

  /**
   * Initialises the binding: validates the component's metadata and builds its transport. Fails
   * with a {@link BindingException} of kind {@code INIT} that names the component and the key at
   * fault.
   */
  public static CompletionStage<SesBinding> init(
      ComponentMetadata component, SesBindingOptions options) {
    try {
      checkType(component);
      EmailComposer composer = new EmailComposer(component.properties());
      if (options.transport().isPresent()) {
        return CompletableFuture.completedFuture(
            new SesBinding(component.name(), composer, options.transport().get(), false));
      }
      return ComponentTransports.of(component, options)
          .thenApply(transport -> new SesBinding(component.name(), composer, transport, true));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(ComponentTransports.initError(component, e));
    }
  }

  private static void checkType(ComponentMetadata component) {
    if (!TYPE.equalsIgnoreCase(component.type())) {
      throw new BindingException(Kind.CALLER, "type is " + component.type() + ", not " + TYPE);
    }
    if (!component.version().isEmpty() && !VERSION.equalsIgnoreCase(component.version())) {
      throw new BindingException(
          Kind.CALLER, "version " + component.version() + " is not supported; use " + VERSION);
    }
  }

  /** The component's name. */
  public String name() {
    return name;
  }

  @Override
  public Set<String> operations() {
    return Set.of(CREATE);
  }

  /**
   * Sends the request's data as an email. Completing the returned stage before it completes (a
   * caller's deadline, {@code orTimeout}) cancels the send: SES gets no further attempt. Succeeds
   * with data {@code {"messageId":"..."}} and metadata {@code messageId}; fails with a {@link
   * BindingException}, each rule's error as contract section 3 says.
   */
  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the callback only cancels; answer is returned
  public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
    Email email;
    try {
      checkOperation(request.operation());
      Optional<BulkEmail> bulk = composer.composeBulk(request);
      if (bulk.isPresent()) {
        CompletableFuture<List<BulkStatus>> sent = sendBulk(bulk.get()).toCompletableFuture();
        CompletableFuture<InvokeResponse> answer =
            sent.thenApply(
                statuses -> {
                  if (statuses.stream().noneMatch(BulkStatus::isSent)) {
                    throw SesErrors.noDestinationSent(statuses);
                  }
                  return BulkAnswers.of(statuses);
                });
        answer.whenComplete(
            (response, failure) -> {
              if (!sent.isDone()) {
                sent.cancel(false);
              }
            });
        return answer;
      }
      email = composer.compose(request);
    } catch (BindingException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<String> sent = send(email).toCompletableFuture();
    CompletableFuture<InvokeResponse> answer =
        sent.thenApply(
            messageId -> {
              if (LOG.isDebugEnabled()) {
                LOG.debug("binding {}: sent {} as message {}", name, email, messageId);
              }
              return response(messageId);
            });
    // A caller that completes the answer itself (its deadline passed) cancels the send: no attempt
    // of it goes on after the caller stopped waiting.
    answer.whenComplete(
        (response, failure) -> {
          if (!sent.isDone()) {
            sent.cancel(false);
          }
        });
    return answer;
  }

  /**
   * Sends an email a Java caller built (the typed form of what {@link #invoke} takes as JSON:
   * parts, attachments, a template), with the component's SES settings; its sender is the email's
   * own. The email refused at construction what every way in refuses ({@link
   * dev.sesbinding.core.email.EmailRules}). Completing the returned stage before it completes
   * cancels the send. Succeeds with the SES message id.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the callback only cancels; answer is returned
  public CompletionStage<String> send(Email email) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new BindingException(Kind.UNAVAILABLE, "binding " + name + " is closed"));
    }
    CompletableFuture<String> sent = transport.send(email).toCompletableFuture();
    CompletableFuture<String> answer = sent.thenApply(messageId -> messageId);
    answer.whenComplete(
        (messageId, failure) -> {
          if (!sent.isDone()) {
            sent.cancel(false);
          }
        });
    return answer;
  }

  /**
   * Sends one SES template to each destination of {@code bulk} (SES {@code
   * SendBulkTemplatedEmail}), with the component's SES settings. Succeeds with each destination's
   * status in order, whether or not SES sent it: a partial failure is per destination, and only a
   * failed call fails the stage. Completing the returned stage first cancels the send.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the callback only cancels; answer is returned
  public CompletionStage<List<BulkStatus>> sendBulk(BulkEmail bulk) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new BindingException(Kind.UNAVAILABLE, "binding " + name + " is closed"));
    }
    CompletableFuture<List<BulkStatus>> sent = transport.sendBulk(bulk).toCompletableFuture();
    CompletableFuture<List<BulkStatus>> answer = sent.thenApply(statuses -> statuses);
    answer.whenComplete(
        (statuses, failure) -> {
          if (!sent.isDone()) {
            sent.cancel(false);
          }
        });
    return answer;
  }

  private void checkOperation(String operation) {
    if (operation.isEmpty()) {
      throw new BindingException(Kind.CALLER, "operation field is missing from request");
    }
    if (!CREATE.equals(operation)) {
      throw new BindingException(
          Kind.CALLER,
          "binding "
              + name
              + " does not support operation "
              + operation
              + ". supported operations:"
              + CREATE);
    }
  }

  private static InvokeResponse response(String messageId) {
    return InvokeResponse.ofMessageId(messageId);
  }

  /** The outbox, when the component has {@code transport: outbox}. */
  public Optional<Outbox> outbox() {
    return transport instanceof Outbox outbox ? Optional.of(outbox) : Optional.empty();
  }

  /**
   * Closes the transport the binding built (never one the caller gave in {@link
   * SesBindingOptions}); idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "SesBinding[" + name + ", transport=" + transport.getClass().getSimpleName() + "]";
  }
}
