package org.moderation.bi.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Dependencies run one way: the public API (this package) → plan and sql, and sql → plan. The inside knows nothing of
 * the API it serves, so that the API can be read, and changed, without the SQL.
 */
class PackageDependenciesTest {

    private static final String API = "org.moderation.bi.engine";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);

    @Test
    void theInsideKnowsNothingOfTheApi() {
        noClasses().that().resideInAPackage(API + ".*..")
                .should().dependOnClassesThat().resideInAPackage(API).check(MAIN);
    }

    @Test
    void plansKnowNoSql() {
        noClasses().that().resideInAPackage(API + ".plan..")
                .should().dependOnClassesThat().resideInAPackage(API + ".sql..").check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(API + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
