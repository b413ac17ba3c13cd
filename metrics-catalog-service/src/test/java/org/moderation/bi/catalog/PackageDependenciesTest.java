package org.moderation.bi.catalog;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.moderation.bi.testsupport.EngineBoundary;

/**
 * Dependencies run one way: builtins → dashboard → metric → readmodel, alert → metric; every kind → versioning, which
 * knows no kind.
 * Within a feature rest → service → persistence, and no entity reaches a resource.
 */
class PackageDependenciesTest {

    private static final String ROOT = "org.moderation.bi.catalog";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void featuresAndTheirPackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theLifecycleKnowsNoKindOfDefinition() {
        noClasses().that().resideInAPackage(ROOT + ".versioning..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".metric..", ROOT + ".dashboard..",
                        ROOT + ".alert..", ROOT + ".builtins..", ROOT + ".readmodel..")
                .check(MAIN);
    }

    @Test
    void metricsKnowNothingOfTheDashboardsBuiltOnThem() {
        noClasses().that().resideInAPackage(ROOT + ".metric..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".dashboard..", ROOT + ".builtins..")
                .check(MAIN);
    }

    @Test
    void metricsAndDashboardsKnowNothingOfTheAlertRulesWatchingThem() {
        noClasses().that().resideInAnyPackage(ROOT + ".metric..", ROOT + ".dashboard..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".alert..")
                .check(MAIN);
    }

    @Test
    void layersRunFromRestToServiceToPersistence() {
        noClasses().that().resideInAPackage("..persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("..service..", "..rest..").check(MAIN);
        noClasses().that().resideInAPackage("..service..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "..rest..").check(MAIN);
        noClasses().that().resideInAPackage("..rest..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "..persistence..").check(MAIN);
    }

    @Test
    void theMetricEngineIsAskedThroughItsPublicApiOnly() {
        EngineBoundary.checkOnlyTheEnginesApiIsUsedBy(ROOT);
    }
}
