package dev.sesbinding.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the main code of every module (the jars Maven hands this module, without tests or
 * test-jars): dependencies point one way, core and aws-auth stay plain Java, the adapter never talks to AWS and never
 * blocks.
 */
class ArchitectureTest {
  private static final ImportOption MAIN_CODE_ONLY = location -> !isTestCode(location);
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(MAIN_CODE_ONLY)
      .importPackages("dev.sesbinding");

  private static boolean isTestCode(Location location) {
    return location.contains("/test-classes/") || location.contains("-tests.jar");
  }

  @Test
  void importsTheMainCodeOfEveryModule() {
    for (String module : new String[] {"auth", "core", "http", "conformance"}) {
      assertThat(CLASSES.stream().filter(c -> c.getPackageName().startsWith("dev.sesbinding." + module)).count())
          .as("classes imported from dev.sesbinding.%s", module).isGreaterThan(5);
    }
    assertThat(CLASSES.stream().filter(c -> c.getPackageName().startsWith("dev.sesbinding.testing")).count())
        .as("no test code imported").isZero();
  }

  @Test
  void modulesPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("auth").definedBy("dev.sesbinding.auth..")
        .layer("core").definedBy("dev.sesbinding.core..")
        .layer("http").definedBy("dev.sesbinding.http..")
        .layer("conformance").definedBy("dev.sesbinding.conformance..")
        .whereLayer("conformance").mayNotBeAccessedByAnyLayer()
        .whereLayer("http").mayOnlyBeAccessedByLayers("conformance")
        .whereLayer("core").mayOnlyBeAccessedByLayers("http", "conformance")
        .whereLayer("auth").mayOnlyBeAccessedByLayers("core")
        .because("aws-auth <- core <- http-adapter, and the conformance suite sees them all")
        .check(CLASSES);
  }

  @Test
  void coreAndAwsAuthImportNothingFromVertx() {
    noClasses().that().resideInAnyPackage("dev.sesbinding.core..", "dev.sesbinding.auth..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .because("library users get plain Java: Vert.x belongs to http-adapter")
        .check(CLASSES);
  }

  @Test
  void coreAndAwsAuthDependOnlyOnJavaTheAwsSdkAndSlf4j() {
    classes().that().resideInAnyPackage("dev.sesbinding.core..", "dev.sesbinding.auth..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sesbinding.core..",
            "dev.sesbinding.auth..", "software.amazon.awssdk..", "org.slf4j..")
        .because("every new dependency of the library is a decision, not an accident")
        .check(CLASSES);
  }

  @Test
  void awsAuthDoesNotDependOnCore() {
    noClasses().that().resideInAPackage("dev.sesbinding.auth..")
        .should().dependOnClassesThat().resideInAPackage("dev.sesbinding.core..")
        .because("aws-auth serves any AWS component, not only this binding")
        .check(CLASSES);
  }

  @Test
  void httpAdapterNeverCallsTheAwsSdk() {
    noClasses().that().resideInAPackage("dev.sesbinding.http..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .because("the adapter speaks HTTP and calls core; only core talks to SES")
        .check(CLASSES);
  }

  @Test
  void mainCodeNeverBlocksOnAFuture() {
    ArchRule rule = noClasses().that().resideInAnyPackage("dev.sesbinding.core..", "dev.sesbinding.auth..",
            "dev.sesbinding.http..")
        .and().doNotHaveSimpleName("BindingsServer")
        .should().callMethod(CompletableFuture.class, "join")
        .orShould().callMethod(CompletableFuture.class, "get")
        .orShould().callMethod(CompletableFuture.class, "get", long.class, TimeUnit.class)
        .orShould().callMethod(io.vertx.core.Future.class, "await")
        .orShould().callMethod(io.vertx.core.Future.class, "await", long.class, TimeUnit.class)
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().callMethod(CompletableFuture.class, "supplyAsync", Supplier.class)
        .orShould().callMethod(CompletableFuture.class, "runAsync", Runnable.class)
        .because("an event loop must never wait, and *Async without an executor runs on the common pool; only"
            + " BindingsServer's main and SIGTERM threads may wait for Vert.x");
    rule.check(CLASSES);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.sesbinding.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
