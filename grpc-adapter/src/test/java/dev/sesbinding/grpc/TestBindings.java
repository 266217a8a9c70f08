package dev.sesbinding.grpc;

import com.google.protobuf.ByteString;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.grpc.runtime.v1.InvokeBindingRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Bindings and calls for the adapter's tests. */
final class TestBindings {
  private TestBindings() {}

  /** A binding of the one operation {@code create} that answers with {@code answer}. */
  static OutputBinding creating(Function<InvokeRequest, CompletionStage<InvokeResponse>> answer) {
    return creating(answer, () -> {});
  }

  /** As {@link #creating(Function)}, running {@code onClose} when it is closed. */
  static OutputBinding creating(
      Function<InvokeRequest, CompletionStage<InvokeResponse>> answer, Runnable onClose) {
    return new OutputBinding() {
      @Override
      public Set<String> operations() {
        return Set.of("create");
      }

      @Override
      public CompletionStage<InvokeResponse> invoke(InvokeRequest request) {
        return answer.apply(request);
      }

      @Override
      public void close() {
        onClose.run();
      }
    };
  }

  /** A sent email's answer: message id {@code id}, in the data and in the metadata. */
  static CompletionStage<InvokeResponse> sentAs(String id) {
    return CompletableFuture.completedFuture(
        new InvokeResponse(
            ("{\"messageId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
            Map.of("messageId", id)));
  }

  /** Dapr's {@code InvokeBinding} of {@code data} to binding {@code name}, for one recipient. */
  static InvokeBindingRequest invoke(String name, byte[] data) {
    return InvokeBindingRequest.newBuilder()
        .setName(name)
        .setOperation("create")
        .setData(ByteString.copyFrom(data))
        .putMetadata("emailTo", "to@example.com")
        .build();
  }
}
