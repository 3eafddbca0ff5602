package io.waihu.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of ARCHITECTURE.md, checked on every build. */
@AnalyzeClasses(packages = "io.waihu",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** The telephony test-jar (sipp runner, benchmarks) is test code too. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

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
            .should().dependOnClassesThat().resideInAnyPackage("io.waihu.telephony..", "io.waihu.backend.telephony..",
                    "org.jitsi..", "javax.sip..");

    /** The gateway keeps no business state: it knows its own contract and nothing of the event-sourced side. */
    @ArchTest
    static final ArchRule gatewayKnowsNothingOfTheBackend = noClasses().that().resideInAPackage("io.waihu.telephony..")
            .should().dependOnClassesThat().resideInAnyPackage("io.waihu.backend..", "io.waihu.projections..",
                    "io.waihu.schema..", "org.axonframework..", "io.quarkus..");

    @ArchTest
    static final ArchRule aggregatesDoNotTalkToTheApi = noClasses().that()
            .resideInAnyPackage("io.waihu.backend.crm..", "io.waihu.backend.blacklist..", "io.waihu.backend.users..",
                    "io.waihu.backend.calls..", "io.waihu.backend.telephony..")
            .and().haveSimpleNameNotEndingWith("FirstAdmin")
            .should().dependOnClassesThat().resideInAPackage("io.waihu.backend.api..");

    @ArchTest
    static final ArchRule noSystemOut = noClasses().should().accessField(System.class, "out");
}
