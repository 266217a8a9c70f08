package dev.sesbinding.conformance.cli;

import dev.sesbinding.conformance.Profile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One readable line per case as it ends: PASS, FAIL, NOT OFFERED (an addition to Dapr's binding the
 * target lacks: a failure too) or SKIP, the case's name as the suite gives it (component, target,
 * case), and for a failure or a skip the reason. A container that fails or is skipped (the backend
 * cannot start) gets its line too.
 */
final class CaseLines implements TestExecutionListener {
  private final PrintStream out;
  private TestPlan plan;
  private int passed;
  private int failed;
  private int skipped;
  private final List<Result> results = new ArrayList<>();

  /** One case's end, for the XML report: PASS, FAIL or SKIP, its name, and the reason. */
  record Result(String outcome, String name, String reason) {
    /** Whether the case failed: broken, or an addition the target does not offer. */
    boolean failed() {
      return outcome.equals("FAIL") || outcome.equals("NOT OFFERED");
    }
  }

  CaseLines(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    skipped++;
    record("SKIP", name(id), reason);
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    boolean isCase = id.isTest();
    switch (result.getStatus()) {
      case SUCCESSFUL -> {
        if (isCase) {
          passed++;
          record("PASS", name(id), "");
        }
      }
      case ABORTED -> {
        skipped++;
        record("SKIP", name(id), reason(result).replaceFirst("^Assumption failed: ", ""));
      }
      case FAILED -> {
        failed++;
        boolean notOffered =
            result.getThrowable().filter(e -> e instanceof Profile.NotOffered).isPresent();
        record(notOffered ? "NOT OFFERED" : "FAIL", name(id), reason(result));
      }
    }
  }

  private void record(String outcome, String name, String reason) {
    results.add(new Result(outcome, name, reason));
    out.println(
        outcome
            + "  "
            + name
            + switch (outcome) {
              case "FAIL", "NOT OFFERED" -> ": " + reason;
              case "SKIP" -> " (" + reason + ")";
              default -> "";
            });
  }

  List<Result> results() {
    return List.copyOf(results);
  }

  /** The case's display names from the component down, without the engine, class and method. */
  private String name(TestIdentifier id) {
    List<String> names = new ArrayList<>();
    TestIdentifier at = id;
    while (at != null && !isStructural(at)) {
      names.add(0, at.getDisplayName());
      at = plan.getParent(at).orElse(null);
    }
    return names.isEmpty() ? id.getDisplayName() : String.join(" > ", names);
  }

  /** The engine, the class and the factory method: not part of a case's name. */
  private static boolean isStructural(TestIdentifier id) {
    String kind = id.getUniqueIdObject().getLastSegment().getType();
    return !kind.startsWith("dynamic-");
  }

  /** What a case that failed on an unverified identity says, in plain words. */
  static final String UNVERIFIED =
      " (in plain words: SES refused the email because an address is not a verified identity of the"
          + " account: verify the sender, and in the SES sandbox every recipient, or run against an"
          + " emulator with --readback moto or localstack, where the suite verifies its sender"
          + " itself)";

  private static String reason(TestExecutionResult result) {
    String reason = described(result);
    return reason.toLowerCase(java.util.Locale.ROOT).contains("not verified")
        ? reason + UNVERIFIED
        : reason;
  }

  private static String described(TestExecutionResult result) {
    return result
        .getThrowable()
        .map(
            failure -> {
              String message =
                  failure.getMessage() == null ? failure.toString() : failure.getMessage();
              return message.strip().replaceAll("\\s*\\n\\s*", " ");
            })
        .orElse("no reason given");
  }

  int passed() {
    return passed;
  }

  int failed() {
    return failed;
  }

  int skipped() {
    return skipped;
  }
}
