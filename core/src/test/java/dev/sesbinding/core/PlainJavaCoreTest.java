package dev.sesbinding.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** core's main code is plain Java: library users get no Vert.x on their classpath. */
class PlainJavaCoreTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.sesbinding.core");

  @Test
  void importsCoreClasses() {
    assertThat(CORE.size()).as("classes imported from core's main code").isGreaterThan(15);
  }

  @Test
  void coreImportsNothingFromVertx() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .because("core is a plain Java library; Vert.x belongs to http-adapter")
        .check(CORE);
  }
}
