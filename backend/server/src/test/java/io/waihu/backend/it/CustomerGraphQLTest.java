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

    static final String USER_ERRORS = "userErrors { field code message ids }";
    static final String CREATE = "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { customer { id "
            + "name phones email company tags version status customFields { key value } } inReadModel " + USER_ERRORS
            + " } }";
    static final String EDIT = "mutation($in: EditCustomerInput!) { editCustomer(input: $in) { customer { id name "
            + "phones email tags version } inReadModel " + USER_ERRORS + " } }";

    private GraphQL admin;

    @BeforeEach
    void logIn() {
        admin = GraphQL.admin();
    }

    static String uniqueMobile() {
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        return String.format("139%08d", n);
    }

    /** The variables of {@link #EDIT}: the customer, the version expected (or null) and the fields to change. */
    static Map<String, Object> editVars(String id, Integer expectedVersion, Map<String, ?> fields) {
        Map<String, Object> input = new java.util.HashMap<>(fields);
        input.put("id", id);
        if (expectedVersion != null) {
            input.put("expectedVersion", expectedVersion);
        }
        return Map.of("in", input);
    }

    static String create(GraphQL client, String name, String phone, List<String> tags) {
        return client.ok(CREATE, Map.of("in", Map.of("name", name, "phones", List.of(phone), "tags", tags)))
                .getString("data.createCustomer.customer.id");
    }

    @Test
    void createdCustomerHasNormalisedPhonesAndIsReadableAtOnce() {
        JsonPath created = admin.ok(CREATE, Map.of("in", Map.of("name", "  Wang Wu ", "phones",
                List.of("138-0013-8001", "+44 20 7946 0958"), "email", "wangwu@example.com", "company", "ACME",
                "tags", List.of("vip", "shanghai"), "customFields", List.of(Map.of("key", "source", "value", "expo")))));
        assertThat(created.getString("data.createCustomer.customer.name")).isEqualTo("Wang Wu");
        assertThat(created.getList("data.createCustomer.customer.phones", String.class))
                .containsExactly("+8613800138001", "+442079460958");
        assertThat(created.getList("data.createCustomer.customer.tags", String.class)).containsExactly("shanghai", "vip");
        assertThat(created.getString("data.createCustomer.customer.customFields[0].value")).isEqualTo("expo");
        assertThat(created.getLong("data.createCustomer.customer.version")).isZero();

        String id = created.getString("data.createCustomer.customer.id");
        JsonPath read = admin.ok("query($id: ID!) { customer(id: $id) { name email company status } }",
                Map.of("id", id));
        assertThat(read.getString("data.customer.email")).isEqualTo("wangwu@example.com");
        assertThat(read.getString("data.customer.status")).isEqualTo("ACTIVE");
    }

    @Test
    void siblingQueriesOfOneRequestBothAnswer() {
        String id = create(admin, "Two Fields", uniqueMobile(), List.of());
        JsonPath both = admin.ok("query($id: ID!) { customer(id: $id) { name } customerHistory(customerId: $id) "
                + "{ nodes { type } } customers(name: \"two fields\") { edges { node { id } } } }", Map.of("id", id));
        assertThat(both.getString("data.customer.name")).isEqualTo("Two Fields");
        assertThat(both.getList("data.customerHistory.nodes.type", String.class)).containsExactly("CUSTOMER_CREATED");
        assertThat(both.getList("data.customers.edges.node.id", String.class)).contains(id);
    }

    @Test
    void editChangesOnlyWhatIsGivenAndBumpsTheVersion() {
        String id = create(admin, "Edit Me", uniqueMobile(), List.of("a"));
        JsonPath edited = admin.ok(EDIT, editVars(id, 0, Map.of("email", "new@example.com")));
        assertThat(edited.getString("data.editCustomer.customer.name")).isEqualTo("Edit Me");
        assertThat(edited.getString("data.editCustomer.customer.email")).isEqualTo("new@example.com");
        assertThat(edited.getLong("data.editCustomer.customer.version")).isEqualTo(1);
    }

    @Test
    void staleExpectedVersionIsAConflictAndChangesNothing() {
        String id = create(admin, "Stale Test", uniqueMobile(), List.of());
        admin.ok(EDIT, editVars(id, 0, Map.of("name", "First Writer")));
        JsonPath stale = admin.call(EDIT, editVars(id, 0, Map.of("name", "Second Writer")));
        assertThat(GraphQL.userErrorCode(stale, "editCustomer")).isEqualTo("CONFLICT");
        assertThat(stale.getString("data.editCustomer.customer")).isNull();
        JsonPath read = admin.ok("query($id: ID!) { customer(id: $id) { name version } }", Map.of("id", id));
        assertThat(read.getString("data.customer.name")).isEqualTo("First Writer");
        assertThat(read.getLong("data.customer.version")).isEqualTo(1);
    }

    @Test
    void invalidPhoneIsAValidationErrorNamingTheFieldAndCreatesNothing() {
        String name = "Bad Phone " + UUID.randomUUID();
        JsonPath result = admin.call(CREATE, Map.of("in", Map.of("name", name, "phones", List.of("12345"))));
        assertThat(GraphQL.userErrorCode(result, "createCustomer")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(result, "createCustomer")).containsExactly("phones", "0");
        assertThat(result.getString("data.createCustomer.customer")).isNull();
        assertThat(admin.ok("query($n: String) { customers(name: $n) { edges { node { id } } } }", Map.of("n", name))
                .getList("data.customers.edges")).isEmpty();
    }

    @Test
    void emptyNameIsRefused() {
        JsonPath result = admin.call(CREATE, Map.of("in", Map.of("name", "   ", "phones", List.of())));
        assertThat(GraphQL.userErrorCode(result, "createCustomer")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(result, "createCustomer")).containsExactly("name");
    }

    @Test
    void unknownIdIsNotFound() {
        JsonPath result = admin.call(EDIT, editVars(UUID.randomUUID().toString(), null, Map.of("name", "x")));
        assertThat(GraphQL.errorCode(result)).isEqualTo("NOT_FOUND");
        assertThat(GraphQL.errorCode(admin.call("query($id: ID!) { customer(id: $id) { id } }",
                Map.of("id", UUID.randomUUID().toString())))).isEqualTo("NOT_FOUND");
    }

    @Test
    void duplicatePhoneIsDetectedUnlessAllowed() {
        String phone = uniqueMobile();
        String first = create(admin, "Original", phone, List.of());
        JsonPath refused = admin.call(CREATE, Map.of("in", Map.of("name", "Copy", "phones", List.of(phone))));
        assertThat(GraphQL.userErrorCode(refused, "createCustomer")).isEqualTo("DUPLICATE_PHONE");
        assertThat(refused.getString("data.createCustomer.userErrors[0].message")).contains(first);
        assertThat(refused.getList("data.createCustomer.userErrors[0].ids", String.class)).containsExactly(first);
        assertThat(GraphQL.userErrorField(refused, "createCustomer")).containsExactly("phones");
        JsonPath allowed = admin.ok(CREATE, Map.of("in", Map.of("name", "Copy", "phones", List.of(phone),
                "allowDuplicate", true)));
        assertThat(allowed.getString("data.createCustomer.customer.id")).isNotEqualTo(first);
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
    void pagesBackwardFromTheEndAndFromACursorWithTheSameItemsAndATotalCount() {
        String marker = "Bk" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(admin, marker + " " + i, uniqueMobile(), List.of()));
        }
        String query = "query($n: String, $f: Int, $a: String, $l: Int, $b: String) { customers(name: $n, first: $f, "
                + "after: $a, last: $l, before: $b) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage "
                + "hasPreviousPage startCursor endCursor } totalCount } }";
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("n", marker.toLowerCase(), "l", 2));
        JsonPath last = admin.ok(query, vars);
        assertThat(last.getList("data.customers.nodes.id", String.class)).containsExactly(ids.get(3), ids.get(4));
        assertThat(last.getList("data.customers.edges.node.id", String.class)).containsExactly(ids.get(3), ids.get(4));
        assertThat(last.getBoolean("data.customers.pageInfo.hasPreviousPage")).isTrue();
        assertThat(last.getBoolean("data.customers.pageInfo.hasNextPage")).isFalse();
        assertThat(last.getInt("data.customers.totalCount")).isEqualTo(5);
        assertThat(last.getString("data.customers.pageInfo.startCursor"))
                .isEqualTo(last.getString("data.customers.edges[0].cursor"));

        vars.put("b", last.getString("data.customers.pageInfo.startCursor"));
        JsonPath before = admin.ok(query, vars);
        assertThat(before.getList("data.customers.nodes.id", String.class)).containsExactly(ids.get(1), ids.get(2));
        assertThat(before.getBoolean("data.customers.pageInfo.hasPreviousPage")).isTrue();
        assertThat(before.getBoolean("data.customers.pageInfo.hasNextPage")).isTrue();

        vars.put("b", before.getString("data.customers.pageInfo.startCursor"));
        JsonPath first = admin.ok(query, vars);
        assertThat(first.getList("data.customers.nodes.id", String.class)).containsExactly(ids.get(0));
        assertThat(first.getBoolean("data.customers.pageInfo.hasPreviousPage")).isFalse();

        // forward from the backward page's end cursor continues where it stopped
        JsonPath forward = admin.ok(query, Map.of("n", marker.toLowerCase(), "f", 2, "a",
                before.getString("data.customers.pageInfo.endCursor")));
        assertThat(forward.getList("data.customers.nodes.id", String.class)).containsExactly(ids.get(3), ids.get(4));
        assertThat(forward.getBoolean("data.customers.pageInfo.hasPreviousPage")).isTrue();
        assertThat(forward.getBoolean("data.customers.pageInfo.hasNextPage")).isFalse();
        assertThat(forward.getInt("data.customers.totalCount")).isEqualTo(5);

        JsonPath both = admin.call(query, Map.of("n", marker, "f", 2, "l", 2));
        assertThat(GraphQL.errorCode(both)).isEqualTo("VALIDATION");
        assertThat(both.getString("errors[0].extensions.field")).isEqualTo("last");
        JsonPath tooMany = admin.call(query, Map.of("n", marker, "l", 201));
        assertThat(GraphQL.errorCode(tooMany)).isEqualTo("VALIDATION");
        assertThat(tooMany.getString("errors[0].extensions.field")).isEqualTo("last");
    }

    @Test
    void historyPagesBothWaysNewestFirstWithATotalCount() {
        String id = create(admin, "History Pager", uniqueMobile(), List.of());
        for (int i = 0; i < 3; i++) {
            admin.ok(EDIT, editVars(id, null, Map.of("company", "Company " + i)));
        }
        String query = "query($id: ID!, $f: Int, $a: String, $l: Int, $b: String) { customerHistory(customerId: $id, "
                + "first: $f, after: $a, last: $l, before: $b) { nodes { sequenceNumber type data } pageInfo { "
                + "hasNextPage hasPreviousPage startCursor endCursor } totalCount } }";
        JsonPath newest = admin.ok(query, Map.of("id", id, "f", 3));
        assertThat(newest.getList("data.customerHistory.nodes.sequenceNumber", Integer.class)).containsExactly(3, 2, 1);
        assertThat(newest.getInt("data.customerHistory.totalCount")).isEqualTo(4);
        assertThat(newest.getString("data.customerHistory.nodes[0].data.company")).isEqualTo("Company 2");
        JsonPath oldest = admin.ok(query, Map.of("id", id, "l", 2));
        assertThat(oldest.getList("data.customerHistory.nodes.sequenceNumber", Integer.class)).containsExactly(1, 0);
        assertThat(oldest.getList("data.customerHistory.nodes.type", String.class))
                .containsExactly("CUSTOMER_EDITED", "CUSTOMER_CREATED");
        assertThat(oldest.getBoolean("data.customerHistory.pageInfo.hasPreviousPage")).isTrue();
        JsonPath newer = admin.ok(query, Map.of("id", id, "l", 5, "b",
                oldest.getString("data.customerHistory.pageInfo.startCursor")));
        assertThat(newer.getList("data.customerHistory.nodes.sequenceNumber", Integer.class)).containsExactly(3, 2);
        assertThat(newer.getBoolean("data.customerHistory.pageInfo.hasPreviousPage")).isFalse();
        assertThat(newer.getBoolean("data.customerHistory.pageInfo.hasNextPage")).isTrue();
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

        admin.ok(EDIT, editVars(gamma, null, Map.of("tags", List.of("other-" + marker))));
        admin.ok(EDIT, editVars(alpha, null, Map.of("name", "Zzz" + marker + " Renamed")));
        admin.ok("mutation($id: ID!) { deleteCustomer(input: {id: $id}) { customer { status } } }", Map.of("id", delta));
        assertThat(allPages(query, tag, null)).containsExactly(epsilon, alpha);
        admin.ok("mutation($id: ID!) { eraseCustomer(input: {id: $id, reason: \"test\"}) { customer { status } } }", Map.of("id", epsilon));
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
        admin.ok(EDIT, editVars(id, null, Map.of("name", marker + " After")));
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
        admin.ok("mutation($id: ID!) { deleteCustomer(input: {id: $id, reason: \"asked\"}) { customer { status } } }", Map.of("id", id));
        assertThat(GraphQL.errorCode(admin.call("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", id))))
                .isEqualTo("NOT_FOUND");
        assertThat(admin.ok("{ customers(name: \"to delete\") { edges { node { id } } } }")
                .getList("data.customers.edges.node.id", String.class)).doesNotContain(id);
        JsonPath history = admin.ok("query($id: ID!) { customerHistory(customerId: $id) { nodes { type actorId } } }",
                Map.of("id", id));
        assertThat(history.getList("data.customerHistory.nodes.type", String.class))
                .containsExactly("CUSTOMER_DELETED", "CUSTOMER_CREATED");
        assertThat(history.getString("data.customerHistory.nodes[0].actorId")).isNotBlank();
    }
}
