package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sesbinding.conformance.backend.SesBackend;
import dev.sesbinding.conformance.binding.InProcessBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Deliberately broken bindings make the suite fail, on exactly the cases they break, with a message
 * that says why.
 */
class SuiteCanFailIT {

  /** Wraps the real library binding and changes one thing. */
  abstract static class Broken implements BindingUnderTest {
    final InProcessBinding real = new InProcessBinding();

    @Override
    public void init(ConformanceComponent component) throws Exception {
      real.init(component);
    }

    @Override
    public void ping() throws Exception {
      real.ping();
    }

    @Override
    public Set<String> operations() {
      return real.operations();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  /** Loses Cc: the Dapr bug of up to v1.16 in reverse. */
  static class DropsCc extends SesBindingConformance {
    @Override
    protected BindingUnderTest bindingUnderTest(SesBackend backend) {
      return new Broken() {
        @Override
        public Outcome invoke(String operation, String data, Map<String, String> metadata)
            throws Exception {
          Map<String, String> withoutCc = new HashMap<>(metadata);
          withoutCc.remove("emailCc");
          return real.invoke(operation, data, withoutCc);
        }
      };
    }
  }

  /** Answers success when the subject is missing, as a binding without Dapr's checks would. */
  static class AcceptsMissingSubject extends SesBindingConformance {
    @Override
    protected BindingUnderTest bindingUnderTest(SesBackend backend) {
      return new Broken() {
        @Override
        public Outcome invoke(String operation, String data, Map<String, String> metadata)
            throws Exception {
          if ("".equals(metadata.get("subject"))) {
            return Outcome.success("made-up-id", Map.of(), 200);
          }
          return real.invoke(operation, data, metadata);
        }
      };
    }
  }

  private static List<Event> failures(Class<?> suite) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(suite))
        .execute()
        .testEvents()
        .failed()
        .stream()
        .toList();
  }

  private static String name(Event event) {
    return event.getTestDescriptor().getDisplayName();
  }

  private static String message(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  @Test
  void bindingThatDropsCcFailsTheDeliveryCaseNamingCc() {
    List<Event> failed = failures(DropsCc.class);

    assertThat(failed)
        .extracting(SuiteCanFailIT::name)
        .containsExactlyInAnyOrder(
            "create: delivered with From, To, Cc, Bcc, subject and HTML body as sent",
            "error: invalid address");
    Event delivery =
        failed.stream().filter(event -> name(event).startsWith("create")).findFirst().orElseThrow();
    assertThat(message(delivery)).contains("Cc recipients as delivered");
    Event invalidCc =
        failed.stream().filter(event -> name(event).startsWith("error")).findFirst().orElseThrow();
    assertThat(message(invalidCc)).contains("invalid address must fail, but was success");
  }

  @Test
  void bindingThatAccepts200OnMissingSubjectFailsThatCase() {
    List<Event> failed = failures(AcceptsMissingSubject.class);

    assertThat(failed).extracting(SuiteCanFailIT::name).containsExactly("error: subject missing");
    assertThat(message(failed.get(0)))
        .contains("subject missing must fail, but was success (messageId made-up-id)");
  }
}
