package org.moderation.bi.migrator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.moderation.bi.testsupport.EngineBoundary;

/**
 * Dependencies run one way: rest and cli → run (orchestration) → load (the pipeline and the reconciliation) →
 * readmodel, validation, persistence, legacy, transform. Nothing below imports what is above it.
 */
class PackageDependenciesTest {

    private static final String ROOT = "org.moderation.bi.migrator";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theLoadPipelineKnowsNothingOfRunsOrTheirApi() {
        noClasses().that().resideInAPackage(ROOT + ".load..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".run..", ROOT + ".cli..", ROOT + ".rest..")
                .check(MAIN);
    }

    @Test
    void readersAndWritersKnowNothingOfThePipeline() {
        noClasses().that().resideInAnyPackage(ROOT + ".legacy..", ROOT + ".persistence..", ROOT + ".transform..",
                        ROOT + ".readmodel..", ROOT + ".validation..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".load..", ROOT + ".run..", ROOT + ".cli..")
                .check(MAIN);
    }

    @Test
    void theLegacySideKnowsNothingOfTheTarget() {
        noClasses().that().resideInAPackage(ROOT + ".legacy..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".persistence..", ROOT + ".readmodel..",
                        ROOT + ".validation..")
                .check(MAIN);
    }

    @Test
    void theMetricEngineIsAskedThroughItsPublicApiOnly() {
        EngineBoundary.checkOnlyTheEnginesApiIsUsedBy(ROOT);
    }
}
