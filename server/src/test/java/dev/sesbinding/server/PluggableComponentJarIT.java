package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.sesbinding.grpc.ComponentClient;
import dev.sesbinding.grpc.components.v1.InvokeRequest;
import dev.sesbinding.grpc.components.v1.InvokeResponse;
import dev.sesbinding.grpc.components.v1.ListOperationsRequest;
import dev.sesbinding.grpc.components.v1.MetadataRequest;
import dev.sesbinding.grpc.components.v1.OutputBindingGrpc;
import dev.sesbinding.grpc.components.v1.OutputBindingInitRequest;
import dev.sesbinding.grpc.components.v1.PingRequest;
import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.ServerProcess;
import dev.sesbinding.testing.SesReply;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built server jar as a Dapr pluggable component, with this test playing daprd's part exactly
 * (no daprd binary can be built here): list the socket folder, ask reflection v1alpha for the
 * services, dial the socket, Init instances through {@code x-component-instance}, and invoke them,
 * with every email read back from moto.
 */
class PluggableComponentJarIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");
  private static final Pattern READY = Pattern.compile("on unix://(\\S+)");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path sockets;
  private static FaultySes faulty;
  private static ServerProcess component;
  private static ComponentClient daprd;

  @BeforeAll
  static void start() throws Exception {
    MOTO.verifySender("orders@example.com");
    MOTO.verifySender("alerts@example.com");
    faulty = FaultySes.start();
    // The folder as Dapr's injector and the component SDKs name it.
    ProcessBuilder command =
        ServerProcess.javaJar(
            JAR,
            List.of(),
            List.of(
                "--pluggable",
                "ses-binding",
                "--request-timeout",
                REQUEST_TIMEOUT.toMillis() + "ms"));
    command.environment().put("DAPR_COMPONENT_SOCKETS_FOLDER", sockets.toString());
    component = ServerProcess.start(command, READY);
    daprd = ComponentClient.connect(Path.of(component.ready()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (daprd != null) {
      daprd.close();
    }
    if (component != null) {
      component.terminate(Duration.ofSeconds(30));
      component.close();
    }
    if (faulty != null) {
      faulty.close();
    }
  }

  private static Map<String, String> sesProperties(String endpoint, String from) {
    Map<String, String> properties = new HashMap<>();
    properties.put("region", "eu-west-1");
    properties.put("endpoint", endpoint);
    properties.put("accessKey", "AKIAIOSFODNN7EXAMPLE");
    properties.put("secretKey", SECRET);
    properties.put("emailFrom", from);
    return properties;
  }

  private static OutputBindingInitRequest init(Map<String, String> properties) {
    return OutputBindingInitRequest.newBuilder()
        .setMetadata(MetadataRequest.newBuilder().putAllProperties(properties))
        .build();
  }

  private static InvokeRequest invoke(String data, String to, String subject) {
    return InvokeRequest.newBuilder()
        .setOperation("create")
        .setData(ByteString.copyFromUtf8(data))
        .putMetadata("emailTo", to)
        .putMetadata("subject", subject)
        .build();
  }

  private static OutputBindingGrpc.OutputBindingBlockingStub instance(String name) {
    return daprd.blocking(name).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Test
  void daprdDiscoversTheComponentInTheFolderThroughReflectionV1alpha() throws Exception {
    List<Path> found = ComponentClient.sockets(sockets);

    assertThat(found).containsExactly(sockets.resolve("ses-binding.sock"));
    assertThat(ComponentClient.componentType(found.get(0))).isEqualTo("bindings.ses-binding");
    assertThat(daprd.services().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .contains("dapr.proto.components.v1.OutputBinding");
  }

  @Test
  void twoInstancesSendWithTheirOwnSenderAndBothKindsOfData() throws Exception {
    instance("orders").init(init(sesProperties(MOTO.endpoint().toString(), "orders@example.com")));
    instance("alerts").init(init(sesProperties(MOTO.endpoint().toString(), "alerts@example.com")));
    instance("orders").ping(PingRequest.getDefaultInstance());
    assertThat(
            instance("alerts")
                .listOperations(ListOperationsRequest.getDefaultInstance())
                .getOperationsList())
        .containsExactly("create");

    // daprd passes an HTTP app's data on Go-quoted; an SDK's raw string arrives as it is.
    InvokeResponse order =
        instance("orders").invoke(invoke("\"<h1>Order 42</h1>\"", "ana@example.com", "Order"));
    InvokeResponse alert =
        instance("alerts").invoke(invoke("<p>Disk full</p>", "ben@example.com", "Alert"));

    EmulatedMessage orderSent = MOTO.message(order.getMetadataMap().get("messageId"));
    assertThat(orderSent.source()).isEqualTo("orders@example.com");
    assertThat(orderSent.to()).containsExactly("ana@example.com");
    assertThat(orderSent.body()).isEqualTo("<h1>Order 42</h1>");
    assertThat(orderSent.subject()).isEqualTo("Order");
    assertThat(order.getData().toStringUtf8())
        .isEqualTo("{\"messageId\":\"" + orderSent.id() + "\"}");
    EmulatedMessage alertSent = MOTO.message(alert.getMetadataMap().get("messageId"));
    assertThat(alertSent.source()).isEqualTo("alerts@example.com");
    assertThat(alertSent.to()).containsExactly("ben@example.com");
    assertThat(alertSent.body()).isEqualTo("<p>Disk full</p>");
  }

  @Test
  void theSocketAndSesCallsRunOnOneSetOfEventLoopsVertxs() throws Exception {
    instance("loops").init(init(sesProperties(MOTO.endpoint().toString(), "orders@example.com")));
    InvokeResponse sent =
        instance("loops").invoke(invoke("<p>Loops</p>", "ana@example.com", "Loops"));
    assertThat(MOTO.message(sent.getMetadataMap().get("messageId")).body())
        .isEqualTo("<p>Loops</p>");

    JvmThreads.assertEveryEventLoopIsVertxs(component.pid(), "the component");
  }

  @Test
  void invokeBeforeInitIsFailedPrecondition() {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> instance("never").invoke(invoke("\"x\"", "ana@example.com", "x")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(error.getStatus().getDescription())
        .as("daprd adds its own prefix: the component gives the binding's words only")
        .startsWith("the component instance is not initialised");
  }

  @Test
  void initWithoutRegionIsInvalidArgumentNamingItWithoutTheSecret() {
    Map<String, String> properties =
        sesProperties(MOTO.endpoint().toString(), "orders@example.com");
    properties.remove("region");

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> instance("noregion").init(init(properties)));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription())
        .startsWith("init component noregion (bindings.aws.ses/v1): no AWS region")
        .contains("region")
        .doesNotContain(SECRET);
    assertThat(component.output()).noneMatch(line -> line.contains(SECRET));
  }

  @Test
  void initAgainReplacesTheInstance() {
    instance("replaced")
        .init(init(sesProperties(MOTO.endpoint().toString(), "orders@example.com")));

    instance("replaced")
        .init(init(sesProperties(MOTO.endpoint().toString(), "alerts@example.com")));
    InvokeResponse sent =
        instance("replaced").invoke(invoke("\"<p>Hi</p>\"", "ana@example.com", "Replaced"));

    assertThat(MOTO.message(sent.getMetadataMap().get("messageId")).source())
        .isEqualTo("alerts@example.com");
  }

  @Test
  void everyOneOf200ConcurrentInvokesUnderSesFaultsIsAnsweredOnce() throws Exception {
    instance("faulty").init(init(sesProperties(faulty.endpoint().toString(), "x@example.com")));
    Random random = new Random(7);
    List<SesReply> menu = SesReply.everyKind();
    for (int i = 0; i < 600; i++) {
      faulty.next(menu.get(random.nextInt(menu.size())));
    }
    OutputBindingGrpc.OutputBindingFutureStub calls =
        daprd.async("faulty").withDeadlineAfter(REQUEST_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
    List<ListenableFuture<InvokeResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(calls.invoke(invoke("\"<b>Hi</b>\"", "to@example.com", "Storm")));
    }

    GrpcStorm.eachAnsweredOnce(answers, InvokeResponse::getMetadataMap, "", Duration.ofSeconds(60));
  }

  @Test
  void sigtermMidLoadAnswersEveryCallRemovesTheSocketAndExitsZero() throws Exception {
    Path folder = Files.createDirectories(sockets.resolve("stopping"));
    Path socket = folder.resolve("ses-binding.sock");
    try (ServerSocketChannel left = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      left.bind(UnixDomainSocketAddress.of(socket));
    } // a stale socket file, as a killed process leaves it: replaced at start
    assertThat(socket).exists();
    try (FaultySes slow = FaultySes.start()) {
      slow.delay(Duration.ofMillis(1500));
      ProcessBuilder command =
          ServerProcess.javaJar(JAR, List.of(), List.of("--pluggable", "ses-binding"));
      // The folder as daprd reads it.
      command.environment().put("DAPR_COMPONENTS_SOCKETS_FOLDER", folder.toString());
      ServerProcess stopping = ServerProcess.start(command, READY);
      try (ComponentClient side = ComponentClient.connect(socket)) {
        side.blocking("slow")
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .init(init(sesProperties(slow.endpoint().toString(), "x@example.com")));
        List<ListenableFuture<InvokeResponse>> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          inFlight.add(
              side.async("slow")
                  .withDeadlineAfter(60, TimeUnit.SECONDS)
                  .invoke(invoke("\"<b>Hi</b>\"", "to@example.com", "Stopping")));
        }
        Await.until(() -> slow.attempts() == 20, "every call reached SES");

        int exit = stopping.terminate(Duration.ofSeconds(60));

        for (ListenableFuture<InvokeResponse> call : inFlight) {
          assertThat(call.get(30, TimeUnit.SECONDS).getMetadataMap())
              .containsEntry("messageId", "stub-message-id");
        }
        assertThat(exit).as("output: %s", stopping.output()).isEqualTo(143);
        assertThat(socket).doesNotExist();
        assertThat(stopping.output()).anyMatch(line -> line.contains("ses-binding stopped"));
      } finally {
        stopping.close();
      }
    }
  }

  @Test
  void aSocketFolderItsUserCannotWriteFailsAtStartSayingSo() throws Exception {
    // a folder every user reaches (unlike the test's own temp folder), writable by its owner only
    Path reachable =
        Files.createTempDirectory(
            "ses-binding-",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    Path folder =
        Files.createDirectory(
            reachable.resolve("sockets"),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x")));
    List<String> command = new ArrayList<>();
    if ("0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString())) {
      // root writes anywhere: run as the example image's user, 65532, as a pod would
      command.addAll(List.of("setpriv", "--reuid=65532", "--regid=65532", "--clear-groups"));
    }
    command.addAll(
        ServerProcess.javaJar(JAR, List.of(), List.of("--pluggable", "ses-binding")).command());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DAPR_COMPONENT_SOCKETS_FOLDER", folder.toString());
    builder.environment().put(ServerProcess.METRICS_PORT_ENV, "0");

    Process refused = builder.start();
    String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains("cannot create the socket in " + folder + ": the folder is not writable")
        .doesNotContain("\tat ");
    Files.delete(folder);
    Files.delete(reachable);
  }

  @Test
  void theSocketFileIsConnectableByTheOwnerAndItsGroupByDefault() throws Exception {
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(component.ready()))))
        .isEqualTo("rw-rw----");
  }
}
