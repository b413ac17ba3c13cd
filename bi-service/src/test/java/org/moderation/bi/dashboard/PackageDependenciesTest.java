package org.moderation.bi.dashboard;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.moderation.bi.testsupport.EngineBoundary;

/**
 * Dependencies run one way: a feature's rest package → the feature → readmodel, scope, config. The shared layers know
 * no feature, and no feature reaches into another's resources.
 */
class PackageDependenciesTest {

    private static final String ROOT = "org.moderation.bi.dashboard";
    private static final String[] FEATURES = {ROOT + ".overview..", ROOT + ".timeseries..", ROOT + ".submissions..",
        ROOT + ".metrics..", ROOT + ".explain..", ROOT + ".export..", ROOT + ".studio..", ROOT + ".health.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theSharedLayersKnowNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + ".readmodel..", ROOT + ".scope..", ROOT + ".config..",
                ROOT + ".filters..", ROOT + ".security..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES).check(MAIN);
    }

    @Test
    void resourcesAreCalledByTheFrameworkOnly() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".*.rest..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".*.rest..").check(MAIN);
    }

    @Test
    void onlyTheReadModelOpensSnapshots() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".readmodel..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.moderation.bi.engine.Snapshots")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.moderation.bi.engine.MetricEngine")
                .check(MAIN);
    }

    @Test
    void theMetricEngineIsAskedThroughItsPublicApiOnly() {
        EngineBoundary.checkOnlyTheEnginesApiIsUsedBy(ROOT);
    }
}
