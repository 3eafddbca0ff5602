package io.waihu.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

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
            .should().dependOnClassesThat().resideInAPackage("io.waihu.backend.api..");

    /**
     * Each capability (and the API, the Axon wiring, security) is a slice; none may reach back
     * into one that depends on it. What they all share lives in {@code domain}.
     */
    @ArchTest
    static final ArchRule noPackageCyclesInTheBackend = slices().matching("io.waihu.backend.(*)..")
            .should().beFreeOfCycles();

    /**
     * The dialer places calls through the calls capability and the telephony port, and analytics
     * reads events and its own store: neither reaches into the SIP stack, the media engine or
     * Hibernate. The packages do not exist yet, so the rule allows an empty "that" (ArchUnit
     * fails a rule that matches no class by default); {@link #dialerRuleCatchesAForbiddenReach}
     * shows it is not vacuous.
     */
    @ArchTest
    static final ArchRule dialerAndAnalyticsStayBehindThePorts = noClasses().that()
            .resideInAnyPackage("io.waihu.backend.dialer..", "io.waihu.backend.analytics..",
                    "io.waihu.projections.analytics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.waihu.telephony.sip..",
                    "io.waihu.telephony.media..", "org.hibernate..")
            .allowEmptyShould(true);

    @Test
    void dialerRuleCatchesAForbiddenReach() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.waihu.backend.dialer");
        EvaluationResult result = dialerAndAnalyticsStayBehindThePorts.evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("io.waihu.telephony.sip.SipGateway", "io.waihu.telephony.media.MediaEngine",
                        "org.hibernate.reactive.mutiny.Mutiny");
    }

    @ArchTest
    static final ArchRule noSystemOut = noClasses().should().accessField(System.class, "out");
}
