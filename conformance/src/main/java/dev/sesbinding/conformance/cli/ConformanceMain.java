package dev.sesbinding.conformance.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code java -jar ses-binding-conformance.jar}: the conformance suite against one target, one line
 * per case, JUnit XML with {@code --reports}; exit 0 when no case failed, 1 when one did, 2 on bad
 * usage.
 */
public final class ConformanceMain {
  private ConformanceMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    RunOptions options;
    try {
      options = RunOptions.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("ses-binding-conformance: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.print(RunOptions.HELP);
      return 0;
    }
    options.applySystemProperties();
    TargetConformance.run = options;
    out.println(
        "ses-binding conformance: "
            + options.target()
            + (options.address().isEmpty() ? "" : " " + options.address())
            + ", backend "
            + options.backend()
            + (options.backendEndpoint().isEmpty() ? "" : " at " + options.backendEndpoint())
            + ", profile "
            + options.profile().label());
    options.identitiesToVerify().ifPresent(note -> out.println("note: " + note));
    CaseLines lines = new CaseLines(out);
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(TargetConformance.class))
            .build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, lines);
    if (options.reports() != null) {
      try {
        XmlReport.write(options.reports(), lines.results());
      } catch (IOException e) {
        err.println("ses-binding-conformance: cannot write the report: " + e.getMessage());
        return 1;
      }
    }
    long notOffered =
        lines.results().stream().filter(r -> r.outcome().equals("NOT OFFERED")).count();
    out.printf(
        "%d passed, %d failed%s, %d skipped%s%n",
        lines.passed(),
        lines.failed(),
        notOffered == 0 ? "" : " (" + notOffered + " of them not offered)",
        lines.skipped(),
        options.reports() == null ? "" : "; JUnit XML in " + options.reports());
    return lines.failed() == 0 && lines.passed() > 0 ? 0 : 1;
  }
}
