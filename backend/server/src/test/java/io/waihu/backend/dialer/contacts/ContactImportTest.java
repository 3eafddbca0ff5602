package io.waihu.backend.dialer.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.domain.RuleViolationMatcher;
import io.waihu.backend.privacy.InMemoryDataKeys;
import io.waihu.schema.dialer.contacts.ContactImportFinishedEvent;
import io.waihu.schema.dialer.contacts.ContactImportReportDeletedEvent;
import io.waihu.schema.dialer.contacts.ContactImportStartedEvent;
import io.waihu.schema.dialer.contacts.DeleteContactImportReportCommand;
import io.waihu.schema.dialer.contacts.FinishContactImportCommand;
import io.waihu.schema.dialer.contacts.StartContactImportCommand;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import's rules: one run of a file at a time, never twice once done, again after a failure. */
class ContactImportTest {

    private static final String ID = "import-1";
    private static final String CAMPAIGN = "campaign-1";
    private static final String SHA = "a".repeat(64);

    private FixtureConfiguration<ContactImport> fixture;
    private InMemoryDataKeys keys;

    @BeforeEach
    void setUp() {
        keys = new InMemoryDataKeys();
        fixture = new AggregateTestFixture<>(ContactImport.class);
        fixture.registerInjectableResource(keys);
    }

    private static StartContactImportCommand start() {
        return new StartContactImportCommand(ID, CAMPAIGN, "list.csv", SHA, 100, false);
    }

    private static ContactImportStartedEvent started(int attempt) {
        return new ContactImportStartedEvent(ID, CAMPAIGN, "list.csv", SHA, 100, false, attempt);
    }

    private static ContactImportFinishedEvent finished(boolean failed, boolean reportKept) {
        return new ContactImportFinishedEvent(ID, CAMPAIGN, failed, failed ? "stopped" : null, 3, 2, 0, 1,
                Map.of("DUPLICATE", 1L), Map.of("DUPLICATE", 1L), 0, reportKept);
    }

    private static FinishContactImportCommand finish(boolean failed, boolean reportKept) {
        return new FinishContactImportCommand(ID, failed, failed ? "stopped" : null, 3, 2, 0, 1,
                Map.of("DUPLICATE", 1L), Map.of("DUPLICATE", 1L), 0, reportKept);
    }

    @Test
    void aFileStartsAsItsFirstAttempt() {
        fixture.givenNoPriorActivity().when(start()).expectEvents(started(1));
    }

    @Test
    void theSameFileIsRefusedWhileItRuns() {
        fixture.given(started(1)).when(start()).expectException(RuleViolationMatcher.conflict()).expectNoEvents();
    }

    @Test
    void theSameFileIsRefusedOnceDone() {
        fixture.given(started(1), finished(false, true)).when(start())
                .expectException(RuleViolationMatcher.conflict()).expectNoEvents();
    }

    @Test
    void aFailedImportMayStartAgain() {
        fixture.given(started(1), finished(true, false)).when(start()).expectEvents(started(2));
    }

    @Test
    void anImportEndsOnce() {
        fixture.given(started(1), finished(false, true)).when(finish(true, false)).expectNoEvents();
    }

    @Test
    void deletingTheReportDestroysItsKeyOnce() {
        keys.keyFor("import:" + ID);
        fixture.given(started(1), finished(false, true))
                .when(new DeleteContactImportReportCommand(ID, "retention"))
                .expectEvents(new ContactImportReportDeletedEvent(ID, CAMPAIGN, "retention"))
                .expectResultMessagePayload(true);
        assertThat(keys.erased("import:" + ID)).isTrue();
        fixture.given(started(1), finished(false, true), new ContactImportReportDeletedEvent(ID, CAMPAIGN, "x"))
                .when(new DeleteContactImportReportCommand(ID, "again"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }
}
