package dev.sesbinding.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every way in answers a failure from the one error table and nowhere else: in the serving code of
 * every module (the conformance suite, a client that judges answers, aside), no HTTP error status,
 * gRPC status code, {@code Retry-After}, {@code RetryInfo} or Dapr error text is written outside
 * the one place that encodes the table for each way in.
 */
class AnswersComeFromTheTableTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** What only the encoder of the table may write, with the file that may write it. */
  private record Rule(String what, Pattern pattern, String onlyIn) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "an HTTP status literal that is not a success",
              Pattern.compile("setStatusCode\\(\\s*(?!20[04]\\s*\\))\\d+"),
              ""),
          new Rule(
              "an HTTP status set from anything but the table",
              Pattern.compile("setStatusCode\\(\\s*(?!\\d|error\\.httpStatus\\(\\))"),
              ""),
          new Rule(
              "a Retry-After header",
              Pattern.compile("\"Retry-After\"|HttpHeaders\\.RETRY_AFTER\\b"),
              "http/ErrorResponses.java"),
          new Rule(
              "a gRPC status made by hand",
              Pattern.compile("\\bStatus\\.(?:[A-Z][A-Z_]+\\b|fromCode|fromCodeValue)"),
              "grpc/GrpcErrors.java"),
          new Rule(
              "a RetryInfo detail", Pattern.compile("\\bRetryInfo\\b"), "grpc/GrpcErrors.java"),
          new Rule(
              "Dapr's error text",
              Pattern.compile("\"error (?:invoking|initializing) output binding"),
              "serving/Refusal.java"));

  /** Every violation in {@code file}'s {@code text}: the rule and the line. */
  static List<String> violations(String file, String text) {
    List<String> found = new ArrayList<>();
    String code =
        Pattern.compile("/\\*[\\s\\S]*?\\*/")
            .matcher(text)
            .replaceAll(comment -> "\n".repeat(lines(comment.group())))
            .replaceAll("(?m)^\\s*//.*$", "");
    for (Rule rule : RULES) {
      if (!rule.onlyIn().isEmpty() && file.endsWith(rule.onlyIn())) {
        continue;
      }
      Matcher matcher = rule.pattern().matcher(code);
      while (matcher.find()) {
        int line = code.substring(0, matcher.start()).split("\n", -1).length;
        found.add(file + ":" + line + ": " + rule.what() + ": " + matcher.group());
      }
    }
    return found;
  }

  private static int lines(String text) {
    return text.split("\n", -1).length - 1;
  }

  private static List<Path> servingSources() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String module : List.of("serving", "http-adapter", "grpc-adapter", "server")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        files.filter(path -> path.toString().endsWith(".java")).forEach(sources::add);
      }
    }
    return sources;
  }

  @Test
  void noWayInAnswersAFailureOutsideTheTablesEncoders() throws IOException {
    List<Path> sources = servingSources();
    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      found.addAll(violations(ROOT.relativize(source).toString(), Files.readString(source)));
    }

    assertThat(sources).hasSizeGreaterThan(40);
    assertThat(found).isEmpty();
  }

  @Test
  void theCheckFindsAStatusOrCodeLiteralOutsideTheTable() {
    assertThat(
            violations(
                "http-adapter/src/main/java/dev/sesbinding/http/Foo.java",
                "ctx.response().setStatusCode(503).end();\n"
                    + "ctx.response().setStatusCode(status).end();\n"
                    + "ctx.response().putHeader(\"Retry-After\", \"1\");"))
        .hasSize(3);
    assertThat(
            violations(
                "grpc-adapter/src/main/java/dev/sesbinding/grpc/Foo.java",
                "call.close(Status.UNAUTHENTICATED.withDescription(\"no\"), new Metadata());\n"
                    + "observer.onError(Status.fromCode(Code.INTERNAL).asException());\n"
                    + "String m = \"error invoking output binding \" + name;"))
        .hasSize(3);
    assertThat(
            violations(
                "http-adapter/src/main/java/dev/sesbinding/http/Ok.java",
                "response.setStatusCode(204).end();\nresponse.setStatusCode(200);\n"
                    + "// Status.INTERNAL in a comment\n"
                    + "/** Retry-After and {@code RetryInfo} as the table says. */\n"))
        .isEmpty();
  }
}
