package dev.sesbinding.serving;

import dev.sesbinding.core.InvokeResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/** The keys in this process's memory ({@link IdempotencyKeys}): one replica's, gone on restart. */
final class MemoryIdempotencyStore implements IdempotencyStore {
  private final IdempotencyKeys keys;

  MemoryIdempotencyStore(IdempotencySettings settings, LongSupplier clock) {
    this.keys = new IdempotencyKeys(settings, clock);
  }

  @Override
  public CompletionStage<Claim> claim(String key, String digest, boolean replaceUnknown) {
    IdempotencyKeys.Claim claim = keys.claim(key, digest, replaceUnknown);
    return CompletableFuture.completedFuture(new MemoryClaim(key, claim));
  }

  @Override
  public CompletionStage<Void> sent(Claim mine, InvokeResponse response) {
    keys.sent(((MemoryClaim) mine).claim.entry(), response);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> released(Claim mine, Throwable failure) {
    MemoryClaim claim = (MemoryClaim) mine;
    keys.released(claim.key, claim.claim.entry(), failure);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> unknown(Claim mine, Throwable failure) {
    keys.unknown(((MemoryClaim) mine).claim.entry(), failure);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public int size() {
    return keys.size();
  }

  @Override
  public void close() {}

  private record MemoryClaim(String key, IdempotencyKeys.Claim claim) implements Claim {
    @Override
    public State state() {
      if (claim.full()) {
        return State.FULL;
      }
      if (claim.mine()) {
        return State.MINE;
      }
      return switch (claim.entry().state) {
        case IN_FLIGHT -> State.IN_FLIGHT;
        case SENT -> State.SENT;
        case UNKNOWN -> State.UNKNOWN;
      };
    }

    @Override
    public String digest() {
      return claim.full() ? "" : claim.entry().digest;
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // completes into, which the caller holds
    public void answerInto(CompletableFuture<InvokeResponse> into) {
      claim
          .entry()
          .answer()
          .whenComplete(
              (response, failure) -> {
                if (failure == null) {
                  into.complete(response);
                } else {
                  into.completeExceptionally(failure);
                }
              });
    }
  }
}
