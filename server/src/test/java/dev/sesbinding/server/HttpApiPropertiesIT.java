package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests thrown at the running server (an outbox component, so every accepted
 * request is kept): never a 5xx, every error in Dapr's JSON, nothing with a line break in a header
 * field accepted, and a valid request answered right after each one.
 */
class HttpApiPropertiesIT {
  private static final String VALID =
      "{\"operation\":\"create\",\"data\":\"<b>Hi</b>\",\"metadata\":{"
          + "\"emailTo\":\"to@example.com\",\"emailCc\":\"cc@example.com\",\"subject\":\"Hello\"}}";
  private static final Set<Integer> CLIENT_STATUSES = Set.of(400, 413);
  private static final List<String> FIELDS =
      List.of(
          "emailFrom",
          "emailTo",
          "emailCc",
          "emailBcc",
          "emailReplyTo",
          "subject",
          "contentType",
          "configurationSet");
  private static final int MAX_BODY = 64 * 1024;

  private static Path folder;
  private static TestServer server;

  @BeforeContainer
  static void start() throws IOException {
    folder = Files.createTempDirectory("ses-binding-properties");
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                TestServer.component(
                    "ses",
                    "transport",
                    "outbox",
                    "emailFrom",
                    "from@example.com",
                    "outboxCapacity",
                    "5")),
            "--max-body-size",
            MAX_BODY / 1024 + "Ki");
  }

  @AfterContainer
  static void stop() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    }
  }

  @Property(tries = 400)
  void mutatedBytesNeverGetA5xx(@ForAll("mutatedRequests") byte[] body) {
    answeredWithoutServerError(server.postBytes("ses", body));
    validRequestIsStillServed();
  }

  @Property(tries = 300)
  void randomJsonNeverGetsA5xx(@ForAll("requestsOfAnyShape") String body) {
    answeredWithoutServerError(server.postBytes("ses", body.getBytes(StandardCharsets.UTF_8)));
    validRequestIsStillServed();
  }

  @Property(tries = 40)
  void deepNestingIsAClientError(
      @ForAll @IntRange(min = 1, max = 30_000) int depth, @ForAll("nestingPlaces") String place) {
    String nested = "[".repeat(depth) + "]".repeat(depth);
    String body =
        place.equals("top")
            ? nested
            : "{\"operation\":\"create\",\""
                + place
                + "\":"
                + nested
                + ",\"metadata\":{\"emailTo\":\"a@b.co\"}}";

    answeredWithoutServerError(server.postBytes("ses", body.getBytes(StandardCharsets.UTF_8)));
    validRequestIsStillServed();
  }

  @Property(tries = 60)
  void hugeValueInAnyFieldIsAnsweredWithoutServerError(
      @ForAll("fields") String field, @ForAll @IntRange(min = 1_000, max = 200_000) int length) {
    String body = request(field, "a".repeat(length));

    HttpResponse<Buffer> response = server.postBytes("ses", body.getBytes(StandardCharsets.UTF_8));

    answeredWithoutServerError(response);
    if (body.length() > MAX_BODY) {
      assertThat(response.statusCode()).isEqualTo(413);
    }
    validRequestIsStillServed();
  }

  @Property(tries = 120)
  void lineBreakInAnyHeaderFieldIsRefusedNamingTheField(
      @ForAll("fields") String field, @ForAll("lineBreaks") String lineBreak) {
    String value =
        (field.startsWith("email")
                ? "victim@example.com"
                : field.equals("contentType") ? "text/html" : "Hello")
            + lineBreak
            + "Bcc: attacker@evil.example";
    List<Object> keptBefore = keptMessageIds();

    HttpResponse<Buffer> response = server.post("ses", request(field, value));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message"))
        .startsWith("error invoking output binding ses: SES binding error: " + field + " \"");
    assertThat(keptMessageIds()).as("nothing kept").isEqualTo(keptBefore);
  }

  @Property(tries = 60)
  void moreThanFiftyRecipientsAreRefused(
      @ForAll @IntRange(min = 1, max = 60) int to,
      @ForAll @IntRange(min = 0, max = 30) int cc,
      @ForAll @IntRange(min = 0, max = 30) int bcc) {
    HttpResponse<Buffer> response =
        server.post(
            "ses",
            new JsonObject(
                    Map.of(
                        "operation",
                        "create",
                        "data",
                        "x",
                        "metadata",
                        Map.of(
                            "emailTo",
                            addresses("to", to),
                            "emailCc",
                            addresses("cc", cc),
                            "emailBcc",
                            addresses("bcc", bcc),
                            "subject",
                            "s")))
                .encode());

    if (to + cc + bcc > 50) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("message"))
          .isEqualTo(
              "error invoking output binding ses:"
                  + " SES binding error: emailTo, emailCc and emailBcc have "
                  + (to + cc + bcc)
                  + " recipients together;"
                  + " SES accepts at most 50 per message");
    } else {
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedRequests() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.of(Mutation.Kind.values()),
                Arbitraries.integers().between(0, valid.length),
                Arbitraries.integers().between(1, 12),
                interestingBytes())
            .as(Mutation::new);
    return mutation
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(
            mutations -> {
              byte[] bytes = valid;
              for (Mutation m : mutations) {
                bytes = m.applyTo(bytes);
              }
              return bytes;
            });
  }

  /**
   * Bytes that matter to a JSON parser or a mail header: quotes, braces, control characters,
   * invalid UTF-8.
   */
  private static Arbitrary<Byte> interestingBytes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            (byte) '"',
            (byte) '\\',
            (byte) '{',
            (byte) '}',
            (byte) '[',
            (byte) ']',
            (byte) ',',
            (byte) ':',
            (byte) '\r',
            (byte) '\n',
            (byte) 0,
            (byte) 0x7f),
        Arbitraries.bytes().between((byte) 0x80, (byte) 0xff),
        Arbitraries.bytes());
  }

  /** One edit of a byte string: insert, delete, replace, duplicate a run, or cut the rest. */
  record Mutation(Kind kind, int at, int length, byte value) {
    enum Kind {
      INSERT,
      DELETE,
      REPLACE,
      DUPLICATE,
      TRUNCATE
    }

    byte[] applyTo(byte[] in) {
      int position = Math.min(at, in.length);
      int run = Math.min(length, in.length - position);
      List<Byte> out = new ArrayList<>();
      for (byte b : in) {
        out.add(b);
      }
      switch (kind) {
        case INSERT -> out.add(position, value);
        case DELETE -> out.subList(position, position + run).clear();
        case REPLACE -> {
          if (position < in.length) {
            out.set(position, value);
          }
        }
        case DUPLICATE ->
            out.addAll(position, new ArrayList<>(out.subList(position, position + run)));
        case TRUNCATE -> out.subList(position, out.size()).clear();
      }
      byte[] bytes = new byte[out.size()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = out.get(i);
      }
      return bytes;
    }
  }

  @Provide
  Arbitrary<String> requestsOfAnyShape() {
    Arbitrary<Object> anyValue = jsonValues(4);
    Arbitrary<Object> metadata =
        Arbitraries.oneOf(
            Arbitraries.maps(
                    Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(8)),
                    Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s), anyValue))
                .ofMaxSize(6)
                .map(m -> (Object) m),
            anyValue);
    Arbitrary<Object> operation =
        Arbitraries.oneOf(
            Arbitraries.of("create", "CREATE", "", "delete", "get").map(s -> (Object) s), anyValue);
    Arbitrary<String> fieldName =
        Arbitraries.of(
            "operation", "Operation", "OPERATION", "data", "Data", "metadata", "MetaData", "other");
    return Combinators.combine(
            operation, anyValue, metadata, fieldName, Arbitraries.integers().between(0, 3))
        .as(
            (op, data, meta, extraName, shape) ->
                switch (shape) {
                  case 0 ->
                      new JsonObject()
                          .put("operation", op)
                          .put("data", data)
                          .put("metadata", meta)
                          .encode();
                  case 1 -> new JsonObject().put("operation", op).put(extraName, data).encode();
                  case 2 -> io.vertx.core.json.Json.encode(data);
                  default ->
                      new JsonObject().put("operation", "create").put(extraName, meta).encode();
                });
  }

  private static Arbitrary<Object> jsonValues(int depth) {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
            Arbitraries.strings()
                .withCharRange('\u0000', '\u001f')
                .ofMaxLength(5)
                .map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(null));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> jsonValues(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner)
                .ofMaxSize(4)
                .map(m -> (Object) m)));
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of(FIELDS);
  }

  @Provide
  Arbitrary<String> lineBreaks() {
    return Arbitraries.of("\r\n", "\n", "\r", "\r\n\r\n", "%0d%0a\r\n");
  }

  @Provide
  Arbitrary<String> nestingPlaces() {
    return Arbitraries.of("top", "data", "metadata");
  }

  private static String addresses(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> prefix + i + "@example.com")
        .collect(Collectors.joining(";"));
  }

  /** A valid request with one metadata field set to {@code value}. */
  private static String request(String field, String value) {
    return new JsonObject()
        .put("operation", "create")
        .put("data", "x")
        .put(
            "metadata",
            new JsonObject().put("emailTo", "to@example.com").put("subject", "s").put(field, value))
        .encode();
  }

  private static List<Object> keptMessageIds() {
    return server.get("/v1.0/outbox/ses").bodyAsJsonObject().getJsonArray("emails").stream()
        .map(email -> ((JsonObject) email).getString("messageId"))
        .collect(Collectors.toList());
  }

  private static void answeredWithoutServerError(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String body = response.bodyAsString();
    if (status == 200) {
      assertThat(new JsonObject(body).getString("messageId")).isNotBlank();
      return;
    }
    assertThat(CLIENT_STATUSES).as("status %d for %s", status, body).contains(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject error = new JsonObject(body);
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("errorCode", "message");
    assertThat(error.getString("errorCode"))
        .isIn("ERR_MALFORMED_REQUEST", "ERR_INVOKE_OUTPUT_BINDING");
    assertThat(error.getString("message"))
        .matches(
            "(?s)(failed deserializing HTTP body: |error invoking output " + "binding ses: ).+")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  private static void validRequestIsStillServed() {
    assertThat(server.post("ses", VALID).statusCode()).isEqualTo(200);
  }
}
