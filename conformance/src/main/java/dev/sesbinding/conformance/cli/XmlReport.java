package dev.sesbinding.conformance.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run as JUnit XML (the format CI servers read), with each case under its readable name: the
 * component and target as the class name, the case as the test's.
 */
final class XmlReport {
  static final String FILE = "TEST-ses-binding-conformance.xml";

  private XmlReport() {}

  static Path write(Path folder, List<CaseLines.Result> results) throws IOException {
    long failures = results.stream().filter(CaseLines.Result::failed).count();
    long skipped = results.stream().filter(r -> r.outcome().equals("SKIP")).count();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        String.format(
            "<testsuite name=\"ses-binding conformance\" tests=\"%d\" failures=\"%d\""
                + " errors=\"0\" skipped=\"%d\">%n",
            results.size(), failures, skipped));
    for (CaseLines.Result result : results) {
      int split = result.name().lastIndexOf(" > ");
      String suite = split < 0 ? "ses-binding conformance" : result.name().substring(0, split);
      String name = split < 0 ? result.name() : result.name().substring(split + 3);
      xml.append(
          String.format("  <testcase classname=\"%s\" name=\"%s\"", escape(suite), escape(name)));
      switch (result.outcome()) {
        case "FAIL", "NOT OFFERED" ->
            xml.append(">\n    <failure message=\"")
                .append(escape(result.outcome().equals("FAIL") ? "" : "NOT OFFERED: "))
                .append(escape(result.reason()))
                .append("\"/>\n  </testcase>\n");
        case "SKIP" ->
            xml.append(">\n    <skipped message=\"")
                .append(escape(result.reason()))
                .append("\"/>\n  </testcase>\n");
        default -> xml.append("/>\n");
      }
    }
    xml.append("</testsuite>\n");
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve(FILE), xml, StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c < 0x20 && c != '\t') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
