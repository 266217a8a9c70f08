package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.InProcessBinding;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A backend that cannot start skips the suite with the reason, or fails it where CI must not pass
 * silently.
 */
class MissingBackendIT {

  static class NoBackend extends SesBindingConformance {
    @Override
    protected SesBackend backend() {
      return new SesBackend() {
        @Override
        public String name() {
          return "nowhere";
        }

        @Override
        public void start() {
          throw new IllegalStateException("no Docker engine");
        }

        @Override
        public Map<String, String> variables() {
          return Map.of();
        }
      };
    }

    @Override
    protected BindingUnderTest bindingUnderTest(SesBackend backend) {
      return new InProcessBinding();
    }
  }

  private static EngineExecutionResults run(String failIfMissing) {
    String before = System.getProperty(SesBindingConformance.FAIL_IF_BACKEND_MISSING);
    System.setProperty(SesBindingConformance.FAIL_IF_BACKEND_MISSING, failIfMissing);
    try {
      return EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(NoBackend.class))
          .execute();
    } finally {
      if (before == null) {
        System.clearProperty(SesBindingConformance.FAIL_IF_BACKEND_MISSING);
      } else {
        System.setProperty(SesBindingConformance.FAIL_IF_BACKEND_MISSING, before);
      }
    }
  }

  @Test
  void outsideCiTheSuiteIsSkippedWithTheReason() {
    EngineExecutionResults results = run("false");

    assertThat(results.containerEvents().aborted().count() + results.testEvents().aborted().count())
        .isEqualTo(1);
    assertThat(results.testEvents().failed().count()).isZero();
  }

  @Test
  void inCiTheSuiteFailsNamingTheBackend() {
    EngineExecutionResults results = run("true");

    assertThat(
            results.allEvents().failed().stream()
                .map(
                    event ->
                        event
                            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .orElseThrow())
                .map(result -> result.getThrowable().orElseThrow().getMessage()))
        .containsExactly("backend nowhere cannot start here: no Docker engine");
  }
}
