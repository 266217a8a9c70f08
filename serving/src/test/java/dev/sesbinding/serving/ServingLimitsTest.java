package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServingLimitsTest {

  @Test
  void defaultsAreDaprs() {
    ServingLimits limits = ServingLimits.builder().build();

    assertThat(limits.maxBodySize()).isEqualTo(4 << 20);
    assertThat(limits.maxInFlight()).isEqualTo(1024);
    assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(limits.maxBufferedBytes()).isEqualTo(64L << 20);
    assertThat(limits.maxConnections()).isEqualTo(10_000);
  }

  @Test
  void eachCapacityCountsApartAndIsBoundedByTheLimits() {
    ServingLimits limits =
        ServingLimits.builder().maxInFlight(2).maxBufferedBytes(8 << 20).maxConnections(3).build();

    Capacity one = Capacity.of(limits);
    Capacity other = Capacity.of(limits);
    one.inFlight().tryTake();

    assertThat(one.inFlight().limit()).isEqualTo(2);
    assertThat(one.bytes().limit()).isEqualTo(8 << 20);
    assertThat(one.connections().limit()).isEqualTo(3);
    assertThat(one.inFlight().taken()).isEqualTo(1);
    assertThat(other.inFlight().taken()).isZero();
  }

  @Test
  void refusesABudgetThatCannotHoldOneBody() {
    assertThatThrownBy(
            () -> ServingLimits.builder().maxBodySize(2 << 20).maxBufferedBytes(1 << 20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "maxBufferedBytes (1048576) must hold at least one body of maxBodySize (2097152)");
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
    assertThatThrownBy(() -> ServingLimits.builder().maxConnections(0).build())
        .hasMessage("maxConnections must be positive: 0");
  }
}
