package dev.sesbinding.grpc;

import dev.sesbinding.serving.Refusal;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * When {@code DAPR_API_TOKEN} is set, every call to Dapr's API must carry it in the metadata {@code
 * dapr-api-token} (compared in constant time), else {@code UNAUTHENTICATED}. Installed on Dapr's
 * service only: health and reflection need no token.
 */
final class ApiTokenInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> HEADER =
      Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER);
  private final byte[] token;

  ApiTokenInterceptor(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String given = headers.get(HEADER);
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      GrpcErrors.close(call, Refusal.invalidApiToken());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
