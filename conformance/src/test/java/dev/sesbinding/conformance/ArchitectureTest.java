package dev.sesbinding.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.sesbinding.http.violation.ReadsSesDirectly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the main code of every module (the jars Maven hands this module,
 * without tests): dependencies point one way, core and aws-auth stay plain Java, adapters see only
 * core's API and Vert.x, and main code never blocks.
 */
class ArchitectureTest {
  private static final ImportOption MAIN_CODE_ONLY = location -> !isTestCode(location);
  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(MAIN_CODE_ONLY).importPackages("dev.sesbinding");
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * What an adapter may see: core's API (not the SES binding), Vert.x core and web, logging, the
   * JDK; no YAML, no vertx-config, no AWS SDK.
   */
  private static final ArchRule ADAPTERS_SEE_CORE_API_AND_VERTX_ONLY =
      classes()
          .that()
          .resideInAPackage("dev.sesbinding.http..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "dev.sesbinding.http..",
              "dev.sesbinding.serving..",
              "dev.sesbinding.core",
              "dev.sesbinding.core.email..",
              "dev.sesbinding.core.internal..",
              "io.vertx.core..",
              "io.vertx.ext.web..",
              "io.netty..",
              "org.slf4j..")
          .because(
              "an adapter serves any OutputBinding in the registry: the SES binding, the AWS SDK, component files"
                  + " and secret stores belong to core.ses and to server");

  /** The gRPC adapter: core's API, grpc-java and protobuf (its generated code among them). */
  private static final ArchRule GRPC_ADAPTER_SEES_CORE_API_AND_GRPC_ONLY =
      classes()
          .that()
          .resideInAPackage("dev.sesbinding.grpc..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "dev.sesbinding.grpc..",
              "dev.sesbinding.serving..",
              "dev.sesbinding.core",
              "dev.sesbinding.core.internal..",
              "io.grpc..",
              // grpc-netty's transport: the process's one Netty, never Vert.x
              "io.netty..",
              "com.google.protobuf..",
              "com.google.rpc..",
              "com.google.common..",
              "org.slf4j..")
          .because("an adapter serves any OutputBinding in the registry, never the SES binding");

  private static boolean isTestCode(Location location) {
    return location.contains("/test-classes/") || location.contains("-tests.jar");
  }

  @Test
  void importsTheMainCodeOfEveryModule() {
    for (String module :
        new String[] {
          "auth",
          "components",
          "core",
          "serving",
          "http",
          "grpc",
          "server",
          "testing",
          "conformance"
        }) {
      assertThat(
              CLASSES.stream()
                  .filter(c -> c.getPackageName().startsWith("dev.sesbinding." + module))
                  .count())
          .as("classes imported from dev.sesbinding.%s", module)
          .isGreaterThan(5);
    }
    assertThat(CLASSES.stream().filter(c -> c.getPackageName().contains("violation")).count())
        .as("no test code imported")
        .isZero();
  }

  @Test
  void modulesPointOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("auth")
        .definedBy("dev.sesbinding.auth..")
        .layer("testing")
        .definedBy("dev.sesbinding.testing..")
        .layer("components")
        .definedBy("dev.sesbinding.components..")
        .layer("core")
        .definedBy("dev.sesbinding.core..")
        .layer("serving")
        .definedBy("dev.sesbinding.serving..")
        .layer("http")
        .definedBy("dev.sesbinding.http..")
        .layer("grpc")
        .definedBy("dev.sesbinding.grpc..")
        .layer("server")
        .definedBy("dev.sesbinding.server..")
        .layer("conformance")
        .definedBy("dev.sesbinding.conformance..")
        .whereLayer("conformance")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("server")
        .mayOnlyBeAccessedByLayers("conformance")
        .whereLayer("http")
        .mayOnlyBeAccessedByLayers("server")
        .whereLayer("grpc")
        .mayOnlyBeAccessedByLayers("server", "conformance")
        .whereLayer("serving")
        .mayOnlyBeAccessedByLayers("http", "grpc", "server", "conformance")
        .whereLayer("core")
        .mayOnlyBeAccessedByLayers("serving", "http", "grpc", "server", "conformance")
        .whereLayer("components")
        .mayOnlyBeAccessedByLayers("server", "conformance")
        .whereLayer("auth")
        .mayOnlyBeAccessedByLayers("core")
        .whereLayer("testing")
        .mayOnlyBeAccessedByLayers("conformance")
        .because(
            "aws-auth <- core <- serving <- adapters <- server; conformance (and benchmarks) sit on top;"
                + " the test fixtures are for tests and the suite only")
        .check(CLASSES);
  }

  @Test
  void adaptersSeeCoreApiAndVertxOnly() {
    ADAPTERS_SEE_CORE_API_AND_VERTX_ONLY.check(CLASSES);
  }

  @Test
  void grpcAdapterSeesCoreApiAndGrpcOnly() {
    GRPC_ADAPTER_SEES_CORE_API_AND_GRPC_ONLY.check(CLASSES);
  }

  @Test
  void adapterRuleFailsOnAnAdapterClassThatKnowsTheSesBinding() {
    JavaClasses violation = new ClassFileImporter().importClasses(ReadsSesDirectly.class);

    assertThatThrownBy(() -> ADAPTERS_SEE_CORE_API_AND_VERTX_ONLY.check(violation))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ReadsSesDirectly")
        .hasMessageContaining("dev.sesbinding.core.ses.SesBinding");
  }

  @Test
  void adaptersHaveNoMainMethod() {
    assertThat(
            CLASSES.stream()
                .filter(
                    c ->
                        c.getPackageName().startsWith("dev.sesbinding.http")
                            || c.getPackageName().startsWith("dev.sesbinding.grpc"))
                .flatMap(c -> c.getMethods().stream())
                .filter(
                    m ->
                        m.getName().equals("main")
                            && m.getModifiers().contains(JavaModifier.STATIC)))
        .as("the runnable is module server; an adapter is a library")
        .isEmpty();
  }

  @Test
  void coreAndAwsAuthDependOnlyOnJavaTheAwsSdkJakartaMailAndSlf4j() {
    classes()
        .that()
        .resideInAnyPackage("dev.sesbinding.core..", "dev.sesbinding.auth..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.sesbinding.core..",
            "dev.sesbinding.auth..",
            "software.amazon.awssdk..",
            "jakarta.mail..",
            "jakarta.activation..",
            "javax.xml",
            "javax.xml.parsers..",
            "javax.xml.stream..",
            "org.xml.sax..",
            "org.slf4j..")
        .because(
            "every new dependency of the library is a decision, not an accident (and never Vert.x):"
                + " Jakarta Mail builds the MIME of raw emails; the JDK's SAX parser reads SES's"
                + " answers (errors as StAX's) when the binding speaks SES's Query protocol itself")
        .check(CLASSES);
  }

  @Test
  void servingIsPlainJavaOverCoresApi() {
    classes()
        .that()
        .resideInAPackage("dev.sesbinding.serving..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.sesbinding.serving..",
            "dev.sesbinding.core",
            "dev.sesbinding.core.internal..",
            "org.slf4j..",
            "com.sun.management..")
        .because(
            "what every way in shares knows no transport (no Vert.x, no gRPC) and no binding's"
                + " implementation: adapters decode and encode, the pipeline does the rest (the"
                + " JDK's own management beans give the process's metrics)")
        .check(CLASSES);
  }

  @Test
  void awsAuthDoesNotDependOnCore() {
    noClasses()
        .that()
        .resideInAPackage("dev.sesbinding.auth..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sesbinding.core..")
        .because("aws-auth serves any AWS component, not only this binding")
        .check(CLASSES);
  }

  @Test
  void coreApiDoesNotDependOnTheSesBinding() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.sesbinding.core", "dev.sesbinding.core.email..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sesbinding.core.ses..")
        .because("adapters see core's API; it must not pull the SES binding in behind their back")
        .check(CLASSES);
  }

  @Test
  void mainCodeNeverBlocksOnAFuture() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.sesbinding.core..",
                "dev.sesbinding.auth..",
                "dev.sesbinding.serving..",
                "dev.sesbinding.http..",
                "dev.sesbinding.grpc..",
                "dev.sesbinding.server..")
            .and()
            .doNotHaveFullyQualifiedName("dev.sesbinding.server.Main")
            .should()
            .callMethod(CompletableFuture.class, "join")
            .orShould()
            .callMethod(CompletableFuture.class, "get")
            .orShould()
            .callMethod(CompletableFuture.class, "get", long.class, TimeUnit.class)
            .orShould()
            .callMethod(io.vertx.core.Future.class, "await")
            .orShould()
            .callMethod(io.vertx.core.Future.class, "await", long.class, TimeUnit.class)
            .orShould()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(CompletableFuture.class, "supplyAsync", Supplier.class)
            .orShould()
            .callMethod(CompletableFuture.class, "runAsync", Runnable.class)
            .because(
                "an event loop must never wait, and *Async without an executor runs on the common pool; only"
                    + " Main's start and shutdown-hook threads may wait for Vert.x");
    rule.check(CLASSES);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.sesbinding.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void noModuleDependsOnATestJar() throws IOException {
    List<Path> poms;
    try (Stream<Path> files = Files.walk(ROOT, 2)) {
      poms = files.filter(path -> path.getFileName().toString().equals("pom.xml")).toList();
    }

    assertThat(poms).hasSizeGreaterThan(10);
    for (Path pom : poms) {
      assertThat(Files.readString(pom))
          .as("%s", ROOT.relativize(pom))
          .doesNotContain("<type>test-jar</type>");
    }
  }
}
