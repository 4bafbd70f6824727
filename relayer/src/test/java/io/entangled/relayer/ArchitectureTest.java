package io.entangled.relayer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, checked on the compiled classes (the Maven enforcer checks the
 * module dependencies; this checks the packages): libraries know nothing of Spring or of modules
 * above them.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.entangled");
  }

  @Test
  void zkvmDependsOnNoOtherEntangledModule() {
    noClasses().that().resideInAPackage("io.entangled.zkvm..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.entangled.chains..", "io.entangled.aggregator..", "io.entangled.db..",
            "io.entangled.relayer..", "io.entangled.prover..")
        .check(classes);
  }

  @Test
  void chainsDependOnNoOtherEntangledModule() {
    noClasses().that().resideInAPackage("io.entangled.chains..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.entangled.zkvm..", "io.entangled.aggregator..", "io.entangled.db..",
            "io.entangled.relayer..", "io.entangled.prover..")
        .check(classes);
  }

  @Test
  void aggregatorUsesOnlyZkvmAndChains() {
    noClasses().that().resideInAPackage("io.entangled.aggregator..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.entangled.db..", "io.entangled.relayer..", "io.entangled.prover..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void dbDependsOnNoOtherEntangledModule() {
    noClasses().that().resideInAPackage("io.entangled.db..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.entangled.zkvm..", "io.entangled.chains..", "io.entangled.aggregator..",
            "io.entangled.relayer..", "io.entangled.prover..")
        .check(classes);
  }

  @Test
  void librariesKnowNothingOfSpring() {
    noClasses().that().resideInAnyPackage(
            "io.entangled.zkvm..", "io.entangled.chains..", "io.entangled.aggregator..",
            "io.entangled.prover..")
        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .check(classes);
  }
}
