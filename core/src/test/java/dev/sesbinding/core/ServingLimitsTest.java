package dev.sesbinding.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServingLimitsTest {

  @Test
  void defaultsAreDaprsAndEachAdapterGetsItsOwnBudgetAndSlots() {
    ServingLimits limits = ServingLimits.builder().build();

    assertThat(limits.maxBodySize()).isEqualTo(4 << 20);
    assertThat(limits.maxInFlight()).isEqualTo(1024);
    assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(limits.bufferBudget().limit()).isEqualTo(64L << 20);
    assertThat(limits.connections().limit()).isEqualTo(10_000);
    assertThat(limits.bufferBudget()).isNotSameAs(ServingLimits.builder().build().bufferBudget());
  }

  @Test
  void sharesTheBudgetAndSlotsItIsGiven() {
    ByteBudget budget = ByteBudget.of(8 << 20);
    ConnectionSlots slots = ConnectionSlots.of(3);

    ServingLimits limits = ServingLimits.builder().bufferBudget(budget).connections(slots).build();

    assertThat(limits.bufferBudget()).isSameAs(budget);
    assertThat(limits.connections()).isSameAs(slots);
  }

  @Test
  void refusesABudgetThatCannotHoldOneBody() {
    assertThatThrownBy(
            () ->
                ServingLimits.builder()
                    .maxBodySize(2 << 20)
                    .bufferBudget(ByteBudget.of(1 << 20))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the buffer budget (1048576) must hold at least one body of maxBodySize (2097152)");
  }

  @Test
  void refusesLimitsThatAreNotPositive() {
    assertThatThrownBy(() -> ServingLimits.builder().maxBodySize(0).build())
        .hasMessage("maxBodySize must be positive: 0");
    assertThatThrownBy(() -> ServingLimits.builder().maxInFlight(0).build())
        .hasMessage("maxInFlight must be positive: 0");
    assertThatThrownBy(() -> ServingLimits.builder().readTimeout(Duration.ZERO).build())
        .hasMessage("readTimeout must be positive: PT0S");
    assertThatThrownBy(() -> ServingLimits.builder().requestTimeout(Duration.ofSeconds(-1)).build())
        .hasMessage("requestTimeout must be positive: PT-1S");
  }
}
