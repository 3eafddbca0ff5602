package io.waihu.backend.projections.crm;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static io.waihu.backend.projections.crm.CustomerEvents.created;
import static io.waihu.backend.projections.crm.CustomerEvents.number;
import static io.waihu.backend.projections.crm.CustomerEvents.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.support.Page;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.FindCustomersQuery;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search plans, each from the index rows the projection wrote: by number, by a gram of the
 * name, by tag, by the start of the name. Every search is scoped to an owner of its own, so rows
 * of other tests in the shared database never show up.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CustomerSearchTest {

    @Inject
    CustomerViewProjection customers;

    ProjectionFixture fixture;
    String owner;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(customers);
        owner = id();
    }

    private String customer(String name, List<String> phones, Set<String> tags) {
        String id = id();
        fixture.given(fixture.event(id, created(id, name, owner, phones, tags)));
        return id;
    }

    private Page<CustomerView> find(String name, String phone, String tag, int first, String after) {
        return read(() -> customers.find(new FindCustomersQuery(name, phone, tag, owner, null, first, after)));
    }

    private static List<String> names(Page<CustomerView> page) {
        return page.items().stream().map(c -> c.name).toList();
    }

    @Test
    void aNumberPrefixFindsOneRowPerMatchingNumberInNumberOrder() {
        String prefix = number().substring(0, 11);
        String two = customer("Two Numbers", List.of(prefix + "0002", prefix + "0009"), Set.of());
        String one = customer("One Number", List.of(prefix + "0005"), Set.of());

        Page<CustomerView> page = find(null, prefix, null, 10, null);

        assertThat(page.items()).extracting(c -> c.id).containsExactly(two, one, two);
    }

    @Test
    void aNumberSearchPagesOnFromItsCursor() {
        String prefix = number().substring(0, 11);
        customer("A", List.of(prefix + "0001"), Set.of());
        customer("B", List.of(prefix + "0002"), Set.of());

        Page<CustomerView> first = find(null, prefix, null, 1, null);
        Page<CustomerView> second = find(null, prefix, null, 1, first.endCursor());

        assertThat(names(first)).containsExactly("A");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(names(second)).containsExactly("B");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void threeOrMoreCharactersMatchAnywhereInTheNameInNameOrder() {
        String word = word(8);
        customer("Zed " + word, List.of(), Set.of());
        customer("Amy " + word.toUpperCase(), List.of(), Set.of());
        customer("Someone Else", List.of(), Set.of());

        assertThat(names(find(word.substring(2, 7), null, null, 10, null)))
                .containsExactly("Amy " + word.toUpperCase(), "Zed " + word);
        assertThat(names(find(word.substring(3, 6), null, null, 10, null))).as("a single gram").hasSize(2);
    }

    @Test
    void oneOrTwoCharactersMatchOnlyTheStartOfTheName() {
        customer("Xavier", List.of(), Set.of());
        customer("Max", List.of(), Set.of());

        assertThat(names(find("x", null, null, 10, null))).containsExactly("Xavier");
        assertThat(names(find("ma", null, null, 10, null))).containsExactly("Max");
    }

    @Test
    void aTagWalksItsOwnEntriesInNameOrderAndCombinesWithANameStart() {
        String tag = word(10);
        customer("Bea", List.of(), Set.of(tag));
        customer("Abe", List.of(), Set.of(tag, "other"));
        customer("Bob", List.of(), Set.of("other"));

        assertThat(names(find(null, null, tag, 10, null))).containsExactly("Abe", "Bea");
        assertThat(names(find("b", null, tag, 10, null))).containsExactly("Bea");
        Page<CustomerView> first = find(null, null, tag, 1, null);
        assertThat(names(find(null, null, tag, 1, first.endCursor()))).containsExactly("Bea");
    }

    @Test
    void aTagFiltersANameFragmentSearch() {
        String word = word(8);
        String tag = word(10);
        customer(word + " tagged", List.of(), Set.of(tag));
        customer(word + " plain", List.of(), Set.of());

        assertThat(names(find(word, null, tag, 10, null))).containsExactly(word + " tagged");
    }

    @Test
    void aRenamedCustomerIsFoundByItsNewNameOnly() {
        String before = word(8);
        String after = word(8);
        String id = customer(before, List.of(), Set.of());
        fixture.given(fixture.event(id, new CustomerEditedEvent(id, after, null, null, null, null, null)));

        assertThat(find(before, null, null, 10, null).items()).isEmpty();
        assertThat(names(find(after, null, null, 10, null))).containsExactly(after);
    }

    @Test
    void deletedAndErasedCustomersAreFoundByNothing() {
        String word = word(8);
        String tag = word(10);
        String phone = number();
        String deleted = customer(word + " one", List.of(phone), Set.of(tag));
        String erased = customer(word + " two", List.of(), Set.of(tag));
        fixture.given(fixture.event(deleted, new CustomerDeletedEvent(deleted, "gone")),
                fixture.event(erased, new CustomerErasedEvent(erased, "asked")));

        assertThat(find(word, null, null, 10, null).items()).isEmpty();
        assertThat(find(null, null, tag, 10, null).items()).isEmpty();
        assertThat(find(null, phone, null, 10, null).items()).isEmpty();
        assertThat(find(null, null, null, 10, null).items()).isEmpty();
    }

    @Test
    void aCursorOfANameSearchCannotContinueANumberSearch() {
        customer("A", List.of(), Set.of());
        customer("B", List.of(), Set.of());
        String nameCursor = find(null, null, null, 1, null).endCursor();

        assertThatThrownBy(() -> find(null, "+86", null, 1, nameCursor))
                .hasStackTraceContaining("another kind");
    }
}
