package org.moderation.bi.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The metric engine is a closed door: a module asks it questions through its one public package,
 * {@code org.moderation.bi.engine}, and never reaches the plans, statements or SQL behind it. Every module that
 * depends on the engine checks its own classes against this rule.
 */
public final class EngineBoundary {

    public static final String API = "org.moderation.bi.engine";

    private EngineBoundary() {
    }

    /** Fails naming each class of {@code rootPackage} (main code) that uses a class of the engine's inside. */
    public static void checkOnlyTheEnginesApiIsUsedBy(String rootPackage) {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        noClasses().that().resideOutsideOfPackage(API + "..")
                .should().dependOnClassesThat().resideInAPackage(API + ".*..")
                .because("the engine's public API is " + API + " alone; its plans and SQL may change under it")
                .check(classes);
    }
}
