package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The query limits hold data queries, not the schema's description: the standard introspection
 * query (graphql-js {@code getIntrospectionQuery()}, what GraphiQL and code generators send, 15
 * levels deep) passes with or without a token, while a data query as deep is refused before it
 * runs. Every refusal of a query's shape carries {@code extensions.code}, as all other errors do.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class QueryLimitsTest {

    @Test
    void standardIntrospectionQueryPassesWithAndWithoutAToken() throws IOException {
        String introspection = resource("graphql/graphql-js-introspection.graphql");
        for (GraphQL client : new GraphQL[] {GraphQL.anonymous(), GraphQL.admin()}) {
            JsonPath result = client.call(introspection);
            assertThat(result.getList("errors")).as("errors").isNull();
            assertThat(result.getString("data.__schema.queryType.name")).isEqualTo("Query");
            assertThat(result.getList("data.__schema.types")).hasSizeGreaterThan(20);
        }
    }

    @Test
    void queryAsDeepAsTheIntrospectionIsRefusedWithACodeOnceItAsksForData() {
        // 13 levels: the introspection's allowance does not extend to an operation that also reads data
        String deep = "__schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { "
                + "ofType { ofType { name } } } } } } } } } } } }";
        JsonPath mixed = GraphQL.admin().call("{ me { id } " + deep + " }");
        assertThat(mixed.getString("errors[0].message")).containsIgnoringCase("depth");
        assertThat(mixed.getString("errors[0].extensions.code")).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(mixed.getString("data")).isNull();

        JsonPath alone = GraphQL.admin().call("{ " + deep + " }");
        assertThat(alone.getList("errors")).as("the same introspection alone").isNull();
    }

    @Test
    void introspectionInBadFaithIsRefusedWithACode() {
        // graphql-java's good-faith check bounds introspection now that the depth limit does not
        JsonPath result = GraphQL.anonymous().call("{ __schema { types { fields { type { fields { type { fields { "
                + "type { fields { name } } } } } } } } } }");
        assertThat(result.getList("errors")).isNotEmpty();
        assertThat(result.getString("errors[0].extensions.code")).isEqualTo("QUERY_TOO_COMPLEX");
    }

    @Test
    void malformedQueriesAreRefusedWithACode() {
        Map<String, String> refusals = Map.of(
                "{ me { id ", "parse error",
                "{ me { noSuchField } }", "unknown field",
                "{ customer(id: 12.5) { id } }", "wrong argument type",
                "{ customer { id } }", "missing argument",
                "query($n: Int) { customers(first: $n) { nodes { id } } }", "variable of the wrong type");
        refusals.forEach((query, what) -> {
            JsonPath result = GraphQL.admin().call(query, Map.of("n", "twelve"));
            assertThat(result.getList("errors")).as(what).isNotEmpty();
            assertThat(result.getString("errors[0].extensions.code")).as(what + ": " + result.prettify())
                    .isEqualTo("VALIDATION");
        });
    }

    @Test
    void queryAboveTheComplexityLimitIsRefusedWithACode() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 410; i++) {
            wide.append(" a").append(i).append(": me { id }");
        }
        JsonPath result = GraphQL.admin().call(wide.append(" }").toString());
        assertThat(result.getString("errors[0].message")).containsIgnoringCase("complexity");
        assertThat(result.getString("errors[0].extensions.code")).isEqualTo("QUERY_TOO_COMPLEX");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = QueryLimitsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
