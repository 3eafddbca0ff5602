package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CustomerGraphQLTest {

    static final String CREATE = "mutation($in: CustomerInput!, $dup: Boolean) { createCustomer(input: $in, "
            + "allowDuplicate: $dup) { id name phones email company tags version status customFields { key value } } }";
    static final String EDIT = "mutation($id: ID!, $v: Int, $in: CustomerInput!) { editCustomer(id: $id, "
            + "expectedVersion: $v, input: $in) { id name phones email tags version } }";

    private GraphQL admin;

    @BeforeEach
    void logIn() {
        admin = GraphQL.admin();
    }

    static String uniqueMobile() {
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        return String.format("139%08d", n);
    }

    static String create(GraphQL client, String name, String phone, List<String> tags) {
        return client.ok(CREATE, Map.of("in", Map.of("name", name, "phones", List.of(phone), "tags", tags)))
                .getString("data.createCustomer.id");
    }

    @Test
    void createdCustomerHasNormalisedPhonesAndIsReadableAtOnce() {
        JsonPath created = admin.ok(CREATE, Map.of("in", Map.of("name", "  Wang Wu ", "phones",
                List.of("138-0013-8001", "+44 20 7946 0958"), "email", "wangwu@example.com", "company", "ACME",
                "tags", List.of("vip", "shanghai"), "customFields", List.of(Map.of("key", "source", "value", "expo")))));
        assertThat(created.getString("data.createCustomer.name")).isEqualTo("Wang Wu");
        assertThat(created.getList("data.createCustomer.phones", String.class))
                .containsExactly("+8613800138001", "+442079460958");
        assertThat(created.getList("data.createCustomer.tags", String.class)).containsExactly("shanghai", "vip");
        assertThat(created.getString("data.createCustomer.customFields[0].value")).isEqualTo("expo");
        assertThat(created.getLong("data.createCustomer.version")).isZero();

        String id = created.getString("data.createCustomer.id");
        JsonPath read = admin.ok("query($id: ID!) { customer(id: $id) { name email company status } }",
                Map.of("id", id));
        assertThat(read.getString("data.customer.email")).isEqualTo("wangwu@example.com");
        assertThat(read.getString("data.customer.status")).isEqualTo("ACTIVE");
    }

    @Test
    void siblingQueriesOfOneRequestBothAnswer() {
        String id = create(admin, "Two Fields", uniqueMobile(), List.of());
        JsonPath both = admin.ok("query($id: ID!) { customer(id: $id) { name } customerHistory(customerId: $id) "
                + "{ entries { type } } customers(name: \"two fields\") { edges { node { id } } } }", Map.of("id", id));
        assertThat(both.getString("data.customer.name")).isEqualTo("Two Fields");
        assertThat(both.getList("data.customerHistory.entries.type", String.class)).containsExactly("CustomerCreatedEvent");
        assertThat(both.getList("data.customers.edges.node.id", String.class)).contains(id);
    }

    @Test
    void editChangesOnlyWhatIsGivenAndBumpsTheVersion() {
        String id = create(admin, "Edit Me", uniqueMobile(), List.of("a"));
        JsonPath edited = admin.ok(EDIT, Map.of("id", id, "v", 0, "in", Map.of("email", "new@example.com")));
        assertThat(edited.getString("data.editCustomer.name")).isEqualTo("Edit Me");
        assertThat(edited.getString("data.editCustomer.email")).isEqualTo("new@example.com");
        assertThat(edited.getLong("data.editCustomer.version")).isEqualTo(1);
    }

    @Test
    void staleExpectedVersionIsAConflictAndChangesNothing() {
        String id = create(admin, "Stale Test", uniqueMobile(), List.of());
        admin.ok(EDIT, Map.of("id", id, "v", 0, "in", Map.of("name", "First Writer")));
        JsonPath stale = admin.call(EDIT, Map.of("id", id, "v", 0, "in", Map.of("name", "Second Writer")));
        assertThat(GraphQL.errorCode(stale)).isEqualTo("CONFLICT");
        JsonPath read = admin.ok("query($id: ID!) { customer(id: $id) { name version } }", Map.of("id", id));
        assertThat(read.getString("data.customer.name")).isEqualTo("First Writer");
        assertThat(read.getLong("data.customer.version")).isEqualTo(1);
    }

    @Test
    void invalidPhoneIsAValidationErrorNamingTheFieldAndCreatesNothing() {
        String name = "Bad Phone " + UUID.randomUUID();
        JsonPath result = admin.call(CREATE, Map.of("in", Map.of("name", name, "phones", List.of("12345"))));
        assertThat(GraphQL.errorCode(result)).isEqualTo("VALIDATION");
        assertThat(result.getString("errors[0].extensions.field")).isEqualTo("phones[0]");
        assertThat(admin.ok("query($n: String) { customers(name: $n) { edges { node { id } } } }", Map.of("n", name))
                .getList("data.customers.edges")).isEmpty();
    }

    @Test
    void emptyNameIsRefused() {
        JsonPath result = admin.call(CREATE, Map.of("in", Map.of("name", "   ", "phones", List.of())));
        assertThat(GraphQL.errorCode(result)).isEqualTo("VALIDATION");
        assertThat(result.getString("errors[0].extensions.field")).isEqualTo("name");
    }

    @Test
    void unknownIdIsNotFound() {
        JsonPath result = admin.call(EDIT, Map.of("id", UUID.randomUUID().toString(), "in", Map.of("name", "x")));
        assertThat(GraphQL.errorCode(result)).isEqualTo("NOT_FOUND");
        assertThat(GraphQL.errorCode(admin.call("query($id: ID!) { customer(id: $id) { id } }",
                Map.of("id", UUID.randomUUID().toString())))).isEqualTo("NOT_FOUND");
    }

    @Test
    void duplicatePhoneIsDetectedUnlessAllowed() {
        String phone = uniqueMobile();
        String first = create(admin, "Original", phone, List.of());
        JsonPath refused = admin.call(CREATE, Map.of("in", Map.of("name", "Copy", "phones", List.of(phone))));
        assertThat(GraphQL.errorCode(refused)).isEqualTo("CONFLICT");
        assertThat(refused.getString("errors[0].message")).contains(first);
        JsonPath allowed = admin.ok(CREATE, Map.of("in", Map.of("name", "Copy", "phones", List.of(phone)), "dup", true));
        assertThat(allowed.getString("data.createCustomer.id")).isNotEqualTo(first);
        assertThat(admin.ok("query($p: String!) { customerIdsWithPhone(phone: $p) }", Map.of("p", phone))
                .getList("data.customerIdsWithPhone")).hasSize(2);
    }

    @Test
    void searchByNamePhoneAndTagPagesWithCursors() {
        String marker = "Pager" + UUID.randomUUID().toString().substring(0, 8);
        String tag = "t-" + marker.toLowerCase();
        for (int i = 0; i < 5; i++) {
            create(admin, marker + " " + i, uniqueMobile(), List.of(tag));
        }
        String query = "query($n: String, $t: String, $p: String, $after: String) { customers(name: $n, tag: $t, "
                + "phone: $p, first: 2, after: $after) { edges { node { name phones } } pageInfo { hasNextPage endCursor } } }";
        List<String> names = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("n", marker.toLowerCase());
            vars.put("after", after);
            JsonPath page = admin.ok(query, vars);
            names.addAll(page.getList("data.customers.edges.node.name", String.class));
            after = page.getBoolean("data.customers.pageInfo.hasNextPage")
                    ? page.getString("data.customers.pageInfo.endCursor") : null;
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly(marker + " 0", marker + " 1", marker + " 2", marker + " 3", marker + " 4");

        assertThat(admin.ok(query, Map.of("t", tag)).getList("data.customers.edges")).hasSize(2);
        String phone = admin.ok(query, Map.of("t", tag)).getString("data.customers.edges[0].node.phones[0]");
        JsonPath byPhone = admin.ok(query, Map.of("p", phone));
        assertThat(byPhone.getList("data.customers.edges.node.name", String.class)).containsExactly(marker + " 0");
        assertThat(GraphQL.errorCode(admin.call(query, Map.of("after", "garbage!")))).isEqualTo("VALIDATION");
    }

    @Test
    void tagSearchListsTheTagsLiveCustomersInNameOrderAcrossPagesAndFollowsChanges() {
        String marker = "Tg" + UUID.randomUUID().toString().substring(0, 8);
        String tag = "tag-" + marker.toLowerCase();
        String delta = create(admin, marker + " Delta", uniqueMobile(), List.of(tag, "other-" + marker));
        String alpha = create(admin, marker + " Alpha", uniqueMobile(), List.of(tag));
        create(admin, marker + " Beta", uniqueMobile(), List.of("other-" + marker));
        String gamma = create(admin, marker + " Gamma", uniqueMobile(), List.of(tag));
        String epsilon = create(admin, "Zz" + marker + " Epsilon", uniqueMobile(), List.of(tag));
        String query = "query($t: String, $n: String, $after: String) { customers(tag: $t, name: $n, first: 2, "
                + "after: $after) { edges { node { id tags } } pageInfo { hasNextPage endCursor } } }";

        assertThat(allPages(query, tag, null)).containsExactly(alpha, delta, gamma, epsilon);
        // tags are matched whole and as written
        assertThat(allPages(query, tag.substring(0, tag.length() - 1), null)).isEmpty();
        assertThat(allPages(query, tag.toUpperCase(), null)).isEmpty();
        // with a 1-2 character name: the start of the name
        assertThat(allPages(query, tag, "zz")).containsExactly(epsilon);

        admin.ok(EDIT, Map.of("id", gamma, "in", Map.of("tags", List.of("other-" + marker))));
        admin.ok(EDIT, Map.of("id", alpha, "in", Map.of("name", "Zzz" + marker + " Renamed")));
        admin.ok("mutation($id: ID!) { deleteCustomer(id: $id) { status } }", Map.of("id", delta));
        assertThat(allPages(query, tag, null)).containsExactly(epsilon, alpha);
        admin.ok("mutation($id: ID!) { eraseCustomer(id: $id, reason: \"test\") { status } }", Map.of("id", epsilon));
        assertThat(allPages(query, tag, null)).containsExactly(alpha);
    }

    /** Every id a customer search finds, page by page. */
    private List<String> allPages(String query, String tag, String name) {
        List<String> ids = new java.util.ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("t", tag);
            vars.put("n", name);
            vars.put("after", after);
            JsonPath page = admin.ok(query, vars);
            ids.addAll(page.getList("data.customers.edges.node.id", String.class));
            after = page.getBoolean("data.customers.pageInfo.hasNextPage")
                    ? page.getString("data.customers.pageInfo.endCursor") : null;
        } while (after != null);
        return ids;
    }

    @Test
    void phoneSearchListsMatchingNumbersInOrderAcrossPages() {
        String prefix = "1370" + String.format("%03d", Math.floorMod(UUID.randomUUID().hashCode(), 1000));
        List<String> numbers = List.of(prefix + "9001", prefix + "1002", prefix + "5003");
        for (String number : numbers) {
            create(admin, "Phone Order " + number, number, List.of());
        }
        String query = "query($p: String, $after: String) { customers(phone: $p, first: 2, after: $after) "
                + "{ edges { cursor node { phones } } pageInfo { hasNextPage endCursor } } }";
        JsonPath first = admin.ok(query, Map.of("p", prefix));
        assertThat(first.getList("data.customers.edges.node.phones.flatten()", String.class))
                .containsExactly("+86" + prefix + "1002", "+86" + prefix + "5003");
        assertThat(first.getBoolean("data.customers.pageInfo.hasNextPage")).isTrue();
        JsonPath second = admin.ok(query, Map.of("p", prefix, "after",
                first.getString("data.customers.pageInfo.endCursor")));
        assertThat(second.getList("data.customers.edges.node.phones.flatten()", String.class))
                .containsExactly("+86" + prefix + "9001");
        // a cursor of a phone search cannot continue a name search
        assertThat(GraphQL.errorCode(admin.call("query($a: String) { customers(name: \"phone order\", after: $a) "
                + "{ pageInfo { hasNextPage } } }", Map.of("a", first.getString("data.customers.pageInfo.endCursor")))))
                .isEqualTo("VALIDATION");
    }

    @Test
    void shortNameMatchesTheStartOfTheName() {
        String marker = "Qz" + UUID.randomUUID().toString().substring(0, 6);
        String id = create(admin, marker + " Short", uniqueMobile(), List.of());
        List<String> found = admin.ok("query($n: String) { customers(name: $n, first: 200) { edges { node { id } } } }",
                Map.of("n", "qz")).getList("data.customers.edges.node.id", String.class);
        assertThat(found).contains(id);
    }

    static final String SEARCH = "query($n: String, $after: String) { customers(name: $n, first: 200, after: $after) "
            + "{ edges { node { id name } } pageInfo { hasNextPage endCursor } } }";

    private List<String> foundByName(String fragment) {
        return admin.ok(SEARCH, Map.of("n", fragment)).getList("data.customers.edges.node.id", String.class);
    }

    /** Two random CJK ideographs, so a test's names are its own whatever else the database holds. */
    private static String cjkMarker() {
        java.util.Random random = new java.util.Random();
        return new String(Character.toChars(0x4E00 + random.nextInt(0x5000)))
                + new String(Character.toChars(0x4E00 + random.nextInt(0x5000)));
    }

    @Test
    void chineseNameIsFoundByItsFirstTwoCharactersAndByThreeAnywhere() {
        String marker = cjkMarker();
        String zhangWei = create(admin, "张伟" + marker, uniqueMobile(), List.of());
        String ouyang = create(admin, "欧阳张伟" + marker, uniqueMobile(), List.of());

        // 1-2 characters match the start of the name ...
        assertThat(foundByName("张伟")).contains(zhangWei).doesNotContain(ouyang);
        // ... 3 or more anywhere in it, counted in characters, not bytes
        assertThat(foundByName("张伟" + marker.charAt(0))).contains(zhangWei, ouyang);
        assertThat(foundByName("阳张伟" + marker)).containsExactly(ouyang);
        assertThat(foundByName(marker)).isEmpty();
    }

    @Test
    void renamedCustomerIsFoundByItsNewNameOnly() {
        String marker = "Rn" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(admin, marker + " Before", uniqueMobile(), List.of());
        admin.ok(EDIT, Map.of("id", id, "in", Map.of("name", marker + " After")));
        assertThat(foundByName(marker.toLowerCase() + " bef")).isEmpty();
        assertThat(foundByName("FTER")).contains(id);
        assertThat(foundByName(marker)).containsExactly(id);
    }

    @Test
    void nameFragmentPagesFollowNameOrderAndCursorsSurviveNewCustomers() {
        String marker = "kw" + UUID.randomUUID().toString().substring(0, 8);
        // the fragment at the start, in the middle and at the end; two customers with one name (then id order)
        List<String> names = List.of("Alpha " + marker, "Beta " + marker + " x", marker + " gamma", "Delta " + marker,
                "Delta " + marker);
        List<String> ids = new java.util.ArrayList<>();
        for (String name : names) {
            ids.add(create(admin, name, uniqueMobile(), List.of()));
        }
        String pageQuery = "query($n: String, $after: String) { customers(name: $n, first: 2, after: $after) "
                + "{ edges { node { id name } } pageInfo { hasNextPage endCursor } } }";
        JsonPath first = admin.ok(pageQuery, Map.of("n", marker));
        List<String> seen = new java.util.ArrayList<>(first.getList("data.customers.edges.node.name", String.class));
        // created after the first page: one sorts before the cursor (not shown again), one after it (shown)
        create(admin, "Aaa " + marker, uniqueMobile(), List.of());
        create(admin, "Zeta " + marker, uniqueMobile(), List.of());
        String after = first.getString("data.customers.pageInfo.endCursor");
        List<String> seenIds = new java.util.ArrayList<>(first.getList("data.customers.edges.node.id", String.class));
        while (after != null) {
            JsonPath page = admin.ok(pageQuery, Map.of("n", marker, "after", after));
            seen.addAll(page.getList("data.customers.edges.node.name", String.class));
            seenIds.addAll(page.getList("data.customers.edges.node.id", String.class));
            after = page.getBoolean("data.customers.pageInfo.hasNextPage")
                    ? page.getString("data.customers.pageInfo.endCursor") : null;
        }
        assertThat(seen).containsExactly("Alpha " + marker, "Beta " + marker + " x", "Delta " + marker,
                "Delta " + marker, marker + " gamma", "Zeta " + marker);
        List<String> sameName = new java.util.ArrayList<>(List.of(ids.get(3), ids.get(4)));
        java.util.Collections.sort(sameName);
        assertThat(seenIds.subList(2, 4)).isEqualTo(sameName);
    }

    @Test
    void deletedCustomerIsHiddenButItsHistoryRemains() {
        String id = create(admin, "To Delete", uniqueMobile(), List.of("gone"));
        admin.ok("mutation($id: ID!) { deleteCustomer(id: $id, reason: \"asked\") { status } }", Map.of("id", id));
        assertThat(GraphQL.errorCode(admin.call("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", id))))
                .isEqualTo("NOT_FOUND");
        assertThat(admin.ok("{ customers(name: \"to delete\") { edges { node { id } } } }")
                .getList("data.customers.edges.node.id", String.class)).doesNotContain(id);
        JsonPath history = admin.ok("query($id: ID!) { customerHistory(customerId: $id) { entries { type actorId } } }",
                Map.of("id", id));
        assertThat(history.getList("data.customerHistory.entries.type", String.class))
                .containsExactly("CustomerDeletedEvent", "CustomerCreatedEvent");
        assertThat(history.getString("data.customerHistory.entries[0].actorId")).isNotBlank();
    }
}
