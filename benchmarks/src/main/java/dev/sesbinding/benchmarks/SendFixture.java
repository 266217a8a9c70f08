package dev.sesbinding.benchmarks;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.SesEvents;
import dev.sesbinding.core.internal.JsonStrings;
import dev.sesbinding.core.ses.SesBinding;
import dev.sesbinding.core.ses.SesBindingOptions;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesAsyncClient;
import software.amazon.awssdk.services.ses.SesAsyncClientBuilder;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * The same typical email, through the binding and through a raw SDK client, both against one
 * endpoint.
 */
final class SendFixture {
  static final Map<String, String> REQUEST_METADATA =
      Map.of(
          "emailTo", "ana@example.com;ben@example.com;cleo@example.com",
          "emailCc", "ops@example.com",
          "subject", "Your order 12345 has shipped");
  static final String BODY =
      "<h1>Your order has shipped</h1><p>Hello Ana, your parcel is on its way. Track it at"
          + " https://shop.example.com/track/12345.</p><p>Thanks for shopping with us!</p>";

  private SendFixture() {}

  /** The component's metadata: SES at {@code endpoint}, static keys, one sender. */
  static Map<String, String> componentMetadata(String endpoint) {
    return Map.of(
        "region",
        "eu-west-1",
        "endpoint",
        endpoint,
        "accessKey",
        "AKIAIOSFODNN7EXAMPLE",
        "secretKey",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "emailFrom",
        "Shop <noreply@example.com>");
  }

  /** The binding with the options the server uses (answers complete on the SDK's I/O thread). */
  static SesBinding binding(String endpoint) throws Exception {
    return binding(endpoint, SesEvents.NONE);
  }

  /** As {@link #binding(String)}, telling {@code events} of each send's attempts. */
  static SesBinding binding(String endpoint, SesEvents events) throws Exception {
    return SesBinding.init(
            ComponentMetadata.of(
                "ses", SesBinding.TYPE, SesBinding.VERSION, componentMetadata(endpoint)),
            SesBindingOptions.builder().completionExecutor(Runnable::run).events(events).build())
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  static InvokeRequest invokeRequest() {
    return InvokeRequest.ofStringData("create", BODY, REQUEST_METADATA);
  }

  /**
   * The same email as Dapr's gRPC {@code InvokeBinding} to {@code binding}, its data as Dapr's Java
   * SDK sends a {@code String}.
   */
  static InvokeBindingRequest invokeBinding(String binding) {
    return InvokeBindingRequest.newBuilder()
        .setName(binding)
        .setOperation("create")
        .setData(ByteString.copyFromUtf8(JsonStrings.quote(BODY)))
        .putAllMetadata(REQUEST_METADATA)
        .build();
  }

  /**
   * The floor: a plain SDK client as its guide recommends (one per process, Netty, static keys).
   */
  static SesAsyncClient rawClient(String endpoint) {
    return rawClientBuilder(endpoint).build();
  }

  /** The raw client with the binding's default call and attempt timeouts (15 s and 5 s). */
  static SesAsyncClient rawClientWithTimeouts(String endpoint) {
    return rawClientBuilder(endpoint)
        .overrideConfiguration(
            config ->
                config
                    .apiCallTimeout(Duration.ofSeconds(15))
                    .apiCallAttemptTimeout(Duration.ofSeconds(5)))
        .build();
  }

  private static SesAsyncClientBuilder rawClientBuilder(String endpoint) {
    return SesAsyncClient.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder());
  }

  /** The same message as {@link #invokeRequest()}, built once. */
  static SendEmailRequest rawRequest() {
    return SendEmailRequest.builder()
        .source("Shop <noreply@example.com>")
        .destination(
            d ->
                d.toAddresses("ana@example.com", "ben@example.com", "cleo@example.com")
                    .ccAddresses("ops@example.com"))
        .message(
            m ->
                m.subject(s -> s.data("Your order 12345 has shipped").charset("UTF-8"))
                    .body(b -> b.html(h -> h.data(BODY).charset("UTF-8"))))
        .build();
  }
}
