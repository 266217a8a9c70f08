package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ServerOptionsTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Flag.class)
  void docsListTheFlagWithItsVariableAndDefault(Flag flag) throws IOException {
    List<String> rows =
        Files.readAllLines(Path.of("..", "docs", "configuration.md")).stream()
            .filter(line -> line.startsWith("| `" + flag.flag() + "`"))
            .toList();

    assertThat(rows)
        .as("docs/configuration.md rows for %s", flag.flag())
        .singleElement()
        .asString()
        .contains("`" + flag.env() + "`")
        .contains("`" + flag.defaultValue() + "`");
  }

  private static ServerOptions parse(Map<String, String> env, String... args)
      throws UsageException {
    return ServerOptions.fromArgs(args, env);
  }

  @Test
  void theSocketModeIsReadAsOctalReadAndWriteBits() throws Exception {
    assertThat(PosixFilePermissions.toString(parse(Map.of()).socketMode())).isEqualTo("rw-rw----");
    assertThat(PosixFilePermissions.toString(parse(Map.of(), "--socket-mode", "0600").socketMode()))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                parse(Map.of("SES_BINDING_SOCKET_MODE", "666")).socketMode()))
        .isEqualTo("rw-rw-rw-");
    for (String mode : List.of("0777", "0066", "rw-rw----", "0o660", "")) {
      assertThatThrownBy(() -> parse(Map.of(), "--socket-mode", mode))
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith(
              "--socket-mode (SES_BINDING_SOCKET_MODE): \"" + mode + "\" is not");
    }
  }

  @Test
  void metricsAreOnAtDaprdsPortAndBesideDaprdsPortForAComponent() throws Exception {
    ServerOptions server = parse(Map.of());
    assertThat(server.metricsEnabled()).isTrue();
    assertThat(server.metricsPort()).isEqualTo(9090);
    assertThat(server.metricsListenAddress()).isEqualTo(server.listenAddress());
    assertThat(parse(Map.of(), "--pluggable", "ses").metricsPort()).isEqualTo(9091);
    assertThat(parse(Map.of("SES_BINDING_PLUGGABLE", "ses")).metricsPort()).isEqualTo(9091);
    assertThat(parse(Map.of("DAPR_METRICS_PORT", "9200"), "--pluggable", "ses").metricsPort())
        .isEqualTo(9200);
    assertThat(parse(Map.of(), "--metrics-port", "0").metricsPort()).isZero();
    assertThat(parse(Map.of(), "--metrics-listen-address", "0.0.0.0").metricsListenAddress())
        .isEqualTo("0.0.0.0");
    assertThat(parse(Map.of(), "--enable-metrics=false").metricsEnabled()).isFalse();
    assertThatThrownBy(() -> parse(Map.of(), "--enable-metrics", "no"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--enable-metrics (SES_BINDING_ENABLE_METRICS): \"no\" is not true or false");
    assertThatThrownBy(() -> parse(Map.of(), "--metrics-port", "70000"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--metrics-port (DAPR_METRICS_PORT): \"70000\"");
  }

  @Test
  void defaultsAreDaprs() throws Exception {
    ServerOptions options = parse(Map.of());

    assertThat(options.httpPort()).isEqualTo(3500);
    assertThat(options.listenAddress()).isEqualTo("127.0.0.1");
    assertThat(options.maxBodySize()).isEqualTo(4L << 20);
    assertThat(options.gracePeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.resourcesPaths())
        .containsExactly(Path.of(System.getProperty("user.home"), ".dapr/components"));
    assertThat(options.apiToken()).isEmpty();
  }

  @Test
  void flagsWinOverEnvironment() throws Exception {
    ServerOptions options =
        parse(
            Map.of("DAPR_HTTP_PORT", "4000", "APP_ID", "from-env"),
            "--dapr-http-port",
            "4100",
            "--app-id=orders");

    assertThat(options.httpPort()).isEqualTo(4100);
    assertThat(options.appId()).isEqualTo("orders");
  }

  @Test
  void environmentWinsOverDefaults() throws Exception {
    ServerOptions options =
        parse(
            Map.of(
                "DAPR_HTTP_PORT", "4000", "DAPR_RESOURCES_PATH", "a,b", "DAPR_API_TOKEN", "tok"));

    assertThat(options.httpPort()).isEqualTo(4000);
    assertThat(options.resourcesPaths()).containsExactly(Path.of("a"), Path.of("b"));
    assertThat(options.apiToken()).isEqualTo("tok");
  }

  @Test
  void resourcesPathRepeats() throws Exception {
    assertThat(
            parse(Map.of(), "--resources-path", "one", "--resources-path", "two").resourcesPaths())
        .containsExactly(Path.of("one"), Path.of("two"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"4Mi, 4194304", "512Ki, 524288", "1048576, 1048576", "2MB, 2000000", "10k, 10000"})
  void bodySizesTakeUnits(String size, long bytes) throws Exception {
    assertThat(parse(Map.of(), "--max-body-size", size).maxBodySize()).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--dapr-http-port|70000|--dapr-http-port (DAPR_HTTP_PORT): \"70000\" is not a whole number from 0 to 65535",
        "--max-body-size|lots|--max-body-size (DAPR_MAX_BODY_SIZE): \"lots\" is not a size from 1 byte to 2Gi, such as 4Mi, 512Ki or 1048576",
        "--max-in-flight|0|--max-in-flight (SES_BINDING_MAX_IN_FLIGHT): \"0\" is not a whole number from 1 to 1000000",
        "--request-timeout|soon|--request-timeout (SES_BINDING_REQUEST_TIMEOUT): \"soon\" is not a positive duration, such as 20s or 1500ms",
        "--ses-client|netty|--ses-client (SES_BINDING_SES_CLIENT): \"netty\" is not sdk or vertx"
      })
  void invalidValueNamesTheFlag(String flag, String value, String message) {
    UsageException error =
        catchThrowableOfType(UsageException.class, () -> parse(Map.of(), flag, value));

    assertThat(error).hasMessage(message);
  }

  @Test
  void unknownFlagIsNamed() {
    assertThat(
            catchThrowableOfType(
                UsageException.class, () -> parse(Map.of(), "--dapr-metrics-port", "1")))
        .hasMessage("unknown flag --dapr-metrics-port (see --help)");
  }

  @Test
  void flagWithoutValueIsNamed() {
    assertThat(catchThrowableOfType(UsageException.class, () -> parse(Map.of(), "--app-id")))
        .hasMessage("--app-id needs a value");
  }

  @Test
  void helpListsEveryFlagWithItsEnvironmentVariableAndDefault() {
    String help = Flag.help();

    for (Flag flag : Flag.values()) {
      assertThat(help).contains(flag.flag()).contains(flag.env()).contains(flag.defaultValue());
    }
    assertThat(help).contains("DAPR_API_TOKEN");
  }

  @Test
  void toStringHidesTheApiToken() throws Exception {
    assertThat(parse(Map.of("DAPR_API_TOKEN", "TopSecretApiToken")).toString())
        .doesNotContain("TopSecretApiToken")
        .contains("apiToken=***");
  }

  @Test
  void forTestListensOnAFreePort() {
    assertThat(ServerOptions.embedded(List.of(Path.of("x")), Map.of()).httpPort()).isZero();
  }

  @Test
  void theSocketFolderIsTheFlagThenTheInjectorsVariableThenDaprdsThenDaprsDefault()
      throws Exception {
    Map<String, String> both =
        Map.of(
            "DAPR_COMPONENT_SOCKETS_FOLDER", "/run/injector",
            "DAPR_COMPONENTS_SOCKETS_FOLDER", "/run/daprd");

    assertThat(parse(both, "--components-socket-folder", "/run/flag").socketFolder())
        .isEqualTo(Path.of("/run/flag"));
    assertThat(parse(both).socketFolder()).isEqualTo(Path.of("/run/injector"));
    assertThat(parse(Map.of("DAPR_COMPONENTS_SOCKETS_FOLDER", "/run/daprd")).socketFolder())
        .isEqualTo(Path.of("/run/daprd"));
    assertThat(parse(Map.of()).socketFolder()).isEqualTo(Path.of("/tmp/dapr-components-sockets"));
  }

  @Test
  void pluggableIsOffByDefaultAndNamesTheSocket() throws Exception {
    assertThat(parse(Map.of()).isPluggable()).isFalse();

    ServerOptions pluggable =
        parse(Map.of("SES_BINDING_PLUGGABLE", "ses-binding"), "--components-socket-folder", "/s");

    assertThat(pluggable.isPluggable()).isTrue();
    assertThat(pluggable.socket()).isEqualTo(Path.of("/s/ses-binding.sock"));
  }

  @Test
  void aPluggableNameThatCannotBeAFileNameIsRefusedNamingTheFlag() {
    assertThat(
            catchThrowableOfType(
                UsageException.class, () -> parse(Map.of(), "--pluggable", "../etc/x")))
        .hasMessage(
            "--pluggable (SES_BINDING_PLUGGABLE): \"../etc/x\" is not a component name: letters,"
                + " digits, '.', '_' and '-', at most 63, such as ses-binding");
  }
}
