package dev.sesbinding.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvokeResponseTest {

  @Test
  void aSendsAnswerIsJustItsMessageId() {
    assertThat(InvokeResponse.ofMessageId("0100018c-abc-000000").isJustMessageId()).isTrue();
    assertThat(InvokeResponse.ofMessageId("quote \" and \\ back").isJustMessageId()).isTrue();
  }

  @Test
  void moreMetadataOrOtherDataIsMoreThanAMessageId() {
    String data = "{\"messageId\":\"m-1\"}";
    assertThat(
            new InvokeResponse(
                    data.getBytes(StandardCharsets.UTF_8), Map.of("messageId", "m-1", "x", "y"))
                .isJustMessageId())
        .isFalse();
    assertThat(
            new InvokeResponse(
                    "{\"messageId\":\"m-2\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("messageId", "m-1"))
                .isJustMessageId())
        .isFalse();
    assertThat(new InvokeResponse(new byte[0], Map.of()).isJustMessageId()).isFalse();
  }
}
