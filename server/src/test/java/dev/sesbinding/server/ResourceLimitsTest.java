package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.components.ComponentException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceLimitsTest {
  private static final long MIB = 1L << 20;

  private static ServerOptions options(String... flags) throws UsageException {
    String[] args = new String[flags.length + 2];
    args[0] = "--resources-path";
    args[1] = Path.of(".").toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    return ServerOptions.fromArgs(args, Map.of());
  }

  @Test
  void autoBudgetIsWhatTheHeapHoldsBesideTheServerAndTheOutboxes() throws Exception {
    ResourceLimits limits = ResourceLimits.settle(options(), 16 * MIB, 160 * MIB, 20_000);

    assertThat(limits.maxBufferedBytes()).isEqualTo((160 - 48 - 16) * MIB / 8);
    assertThat(limits.maxConnections()).isEqualTo(10_000);
    assertThat(limits.description())
        .isEqualTo(
            "heap 160 MiB holds the server (48 MiB), outboxes and idempotency keys (16 MiB) and 8 x 12 MiB of request"
                + " bodies at once (--max-buffered-bytes); at most 10000 connections"
                + " (--max-connections)");
  }

  @Test
  void heapThatCannotHoldOneLargestBodyRefusesTheStartNamingTheFlags() {
    Throwable refused =
        catchThrowable(
            () ->
                ResourceLimits.settle(
                    options("--max-body-size", "16Mi"), 16 * MIB, 160 * MIB, 20_000));

    assertThat(refused)
        .isInstanceOf(ComponentException.class)
        .hasMessage(
            "the heap (160 MiB) cannot hold one request body of --max-body-size (16 MiB, up to 8"
                + " copies while handled) beside the outboxes and idempotency keys (16 MiB) and the server (48 MiB):"
                + " raise -Xmx to at least 192 MiB, or lower --max-body-size or outboxMaxBytes");
  }

  @Test
  void explicitBudgetTheHeapCannotHoldRefusesTheStart() {
    Throwable refused =
        catchThrowable(
            () ->
                ResourceLimits.settle(
                    options("--max-buffered-bytes", "64Mi"), 0, 160 * MIB, 20_000));

    assertThat(refused)
        .hasMessage(
            "--max-buffered-bytes 64 MiB needs a heap of at least 560 MiB (server 48 MiB +"
                + " outboxes 0 MiB + 8 x buffered bytes); this JVM has 160 MiB: raise -Xmx or"
                + " lower --max-buffered-bytes");
  }

  @Test
  void explicitBudgetBelowTheLargestBodyIsRefused() {
    Throwable refused =
        catchThrowable(
            () ->
                ResourceLimits.settle(
                    options("--max-buffered-bytes", "1Mi"), 0, 1024 * MIB, 20_000));

    assertThat(refused)
        .hasMessage(
            "--max-buffered-bytes (1 MiB) must hold at least one body of --max-body-size (4 MiB)");
  }

  @Test
  void explicitBudgetWithinTheHeapIsKept() throws Exception {
    assertThat(
            ResourceLimits.settle(options("--max-buffered-bytes", "8Mi"), 0, 160 * MIB, 20_000)
                .maxBufferedBytes())
        .isEqualTo(8 * MIB);
  }

  @Test
  void autoConnectionsLeaveFileDescriptorsFree() throws Exception {
    assertThat(ResourceLimits.settle(options(), 0, 1024 * MIB, 1024).maxConnections())
        .isEqualTo(512);
    assertThat(
            ResourceLimits.settle(options("--max-connections", "50"), 0, 1024 * MIB, 1024)
                .maxConnections())
        .isEqualTo(50);
  }
}
