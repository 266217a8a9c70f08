package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error table: every row as {@code docs/api.md} shows it, with a real gRPC code and a kind for
 * every failure.
 */
class ErrorCaseTest {
  private static final Path DOC = Path.of("..", "docs", "api.md");
  private static final Set<String> GRPC_CODES =
      Set.of(
          "OK",
          "CANCELLED",
          "UNKNOWN",
          "INVALID_ARGUMENT",
          "DEADLINE_EXCEEDED",
          "NOT_FOUND",
          "ALREADY_EXISTS",
          "PERMISSION_DENIED",
          "RESOURCE_EXHAUSTED",
          "FAILED_PRECONDITION",
          "ABORTED",
          "OUT_OF_RANGE",
          "UNIMPLEMENTED",
          "INTERNAL",
          "UNAVAILABLE",
          "DATA_LOSS",
          "UNAUTHENTICATED");

  private static List<String> docRows() throws IOException {
    return Files.readAllLines(DOC).stream()
        .filter(line -> line.matches("\\| `[A-Z_]+` \\|.*"))
        .toList();
  }

  /**
   * The cells of a table row, without the Markdown quoting: {@code | `A` | 400 | `B` |} is [A, 400,
   * B].
   */
  private static List<String> cells(String row) {
    return Arrays.stream(row.substring(1, row.length() - 1).split("\\|"))
        .map(cell -> cell.strip().replace("`", ""))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ErrorCase.class)
  void docsShowTheRowAsTheTableHasIt(ErrorCase row) throws IOException {
    List<String> matching =
        docRows().stream().filter(line -> cells(line).get(0).equals(row.name())).toList();

    assertThat(matching).as("docs/api.md rows for %s", row).hasSize(1);
    List<String> cells = cells(matching.get(0));
    assertThat(cells.subList(2, 7))
        .as("%s: HTTP, gRPC, errorCode, Retry-After, kind", row)
        .containsExactly(
            Integer.toString(row.httpStatus()),
            row.grpcCode().name(),
            row.errorCode().isEmpty() ? "none" : row.errorCode(),
            row.retryAfter() ? "yes" : "",
            row.kind().map(Enum::name).orElse(""));
  }

  @Test
  void docsShowNoRowTheTableLacks() throws IOException {
    Set<String> names =
        Arrays.stream(ErrorCase.values()).map(Enum::name).collect(Collectors.toSet());

    assertThat(docRows())
        .map(row -> cells(row).get(0))
        .allMatch(names::contains)
        .hasSize(names.size());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ErrorCase.class)
  void grpcCodeIsACanonicalCode(ErrorCase row) {
    assertThat(GRPC_CODES).contains(row.grpcCode().name());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(BindingException.Kind.class)
  void everyFailureKindHasItsOwnRow(BindingException.Kind kind) {
    assertThat(ErrorCase.of(kind).kind()).contains(kind);
  }

  @Test
  void everyTooManyAnswerSaysWhenToRetry() {
    assertThat(ErrorCase.values())
        .filteredOn(row -> row.httpStatus() == 429)
        .isNotEmpty()
        .allMatch(ErrorCase::retryAfter);
  }
}
