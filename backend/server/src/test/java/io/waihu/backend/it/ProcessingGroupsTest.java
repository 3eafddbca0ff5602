package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

/**
 * Every class with a processing group has its processor, under the group's name: the
 * capabilities' modules list their projections, and one left out would silently process
 * nothing. The names are the keys of the processors' tokens, so today's must stay.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ProcessingGroupsTest {

    @Inject
    EventProcessingConfiguration processing;

    @Test
    void everyProcessingGroupHasItsProcessor() {
        Set<String> groups = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.waihu.backend", "io.waihu.projections").stream()
                .filter(type -> type.isAnnotatedWith(ProcessingGroup.class))
                .map(type -> type.getAnnotationOfType(ProcessingGroup.class).value())
                .collect(Collectors.toSet());

        assertThat(groups).contains("blacklist-view", "call-records", "customer-view", "opportunity-view",
                "recording-erasure", "trunk-view", "user-view", "analytics-call-attempts", "campaign-view");
        assertThat(processing.eventProcessors().keySet()).containsExactlyInAnyOrderElementsOf(groups);
    }
}
