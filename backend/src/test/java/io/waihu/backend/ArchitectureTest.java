package io.waihu.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of ARCHITECTURE.md, checked on every build. */
@AnalyzeClasses(packages = "io.waihu", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule schemaDependsOnNoApplicationCode = noClasses().that().resideInAPackage("io.waihu.schema..")
            .should().dependOnClassesThat().resideInAnyPackage("io.waihu.backend..", "io.waihu.projections..",
                    "io.quarkus..", "jakarta..", "io.smallrye..", "org.hibernate..");

    @ArchTest
    static final ArchRule projectionsDoNotReachIntoTheBackend = noClasses().that()
            .resideInAPackage("io.waihu.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("io.waihu.backend..");

    @ArchTest
    static final ArchRule projectionsStayAwayFromTelephony = noClasses().that()
            .resideInAPackage("io.waihu.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("..telephony..", "org.jitsi..", "javax.sip..");

    @ArchTest
    static final ArchRule aggregatesDoNotTalkToTheApi = noClasses().that()
            .resideInAnyPackage("io.waihu.backend.crm..", "io.waihu.backend.blacklist..", "io.waihu.backend.users..")
            .and().haveSimpleNameNotEndingWith("FirstAdmin")
            .should().dependOnClassesThat().resideInAPackage("io.waihu.backend.api..");

    @ArchTest
    static final ArchRule noSystemOut = noClasses().should().accessField(System.class, "out");
}
