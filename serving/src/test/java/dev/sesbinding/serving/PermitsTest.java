package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PermitsTest {

  @Test
  void takesUpToItsLimitThenRefusesUntilOneIsGivenBack() {
    Permits slots = Permits.of("connections", 2);

    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.tryTake()).isFalse();
    assertThat(slots.taken()).isEqualTo(2);

    slots.giveBack();

    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.taken()).isEqualTo(2);
  }

  @Test
  void neverGivesMoreThanItsLimitToThreadsRacing() throws Exception {
    Permits slots = Permits.of("connections", 50);
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int j = 0; j < 100; j++) {
                  if (slots.tryTake()) {
                    granted.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(granted.get()).isEqualTo(50);
    assertThat(slots.taken()).isEqualTo(50);
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> Permits.of("connections", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connections must be positive: 0");
  }
}
