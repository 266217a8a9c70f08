package dev.sesbinding.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.GrpcCode;
import dev.sesbinding.serving.Refusal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrpcErrorsTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(GrpcCode.class)
  void theTablesCodeIsGrpcsOwnByNameAndNumber(GrpcCode code) {
    Status.Code grpc = GrpcErrors.code(code);

    assertThat(grpc.name()).isEqualTo(code.name());
    assertThat(grpc.value()).isEqualTo(code.value());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ErrorCase.class)
  void everyRowIsAnsweredWithItsCodeAndRetryInfoExactlyWhereItSays(ErrorCase row) {
    StatusRuntimeException error =
        GrpcErrors.of(Refusal.invoking(row, "mail", "why", Duration.ofSeconds(9)));

    assertThat(error.getStatus().getCode()).isEqualTo(GrpcErrors.code(row.grpcCode()));
    assertThat(error.getStatus().getDescription())
        .isEqualTo("error invoking output binding mail: why");
    com.google.rpc.Status details = StatusProto.fromThrowable(error);
    if (row.retryAfter()) {
      assertThat(details.getDetailsList()).singleElement().matches(any -> any.is(RetryInfo.class));
    } else {
      assertThat(details.getDetailsList()).isEmpty();
    }
  }

  @Test
  void retryInfoCarriesTheRefusalsWaitInWholeSeconds() throws Exception {
    StatusRuntimeException error =
        GrpcErrors.of(
            Refusal.invoking(ErrorCase.THROTTLED, "mail", "slow down", Duration.ofMillis(3500)));

    RetryInfo retry = StatusProto.fromThrowable(error).getDetails(0).unpack(RetryInfo.class);

    assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(3);
  }
}
