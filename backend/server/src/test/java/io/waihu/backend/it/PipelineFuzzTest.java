package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline under hostile input: every operation of the live schema (found by
 * introspection, so a new one is covered or fails here for want of a baseline), every input
 * field of it, recursively through input objects and lists, gets generated values — control
 * characters, lone surrogates, bidi marks, 1 MB strings, amounts beyond what NUMERIC(19,4)
 * holds, far dates, wrong types — with the other fields valid. Each request must be answered
 * with data or with errors that carry {@code extensions.code}; none may be a "System error" or
 * an HTTP failure. Afterwards every event processor must reach the event store's head: a value
 * that was accepted but that a read model cannot hold stops a processor for good.
 *
 * <p>Deterministic: values are sampled with a fixed seed per field.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class PipelineFuzzTest {

    private static final long SEED = 20261202L;
    private static final int VALUES_PER_FIELD = 6;
    private static final int MAX_REPORTED = 60;
    /**
     * The API's stable codes (ApiError). A code SmallRye made up from an exception's class name
     * ("pg", "illegal-state") is a server fault that leaked, not an answer.
     */
    private static final java.util.Set<String> CODES = java.util.Set.of("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND",
            "VALIDATION", "CONFLICT", "TOO_MANY_REQUESTS", "BLACKLISTED", "UNAVAILABLE");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String TYPE_REF = "fragment T on __Type { kind name ofType { kind name ofType { kind name "
            + "ofType { kind name } } } }";

    @Inject
    AgroalDataSource dataSource;

    private String token;
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private int accepted;
    private int brokenFixtures;

    /** The pipeline is stuck (fixtures cannot be created any more): fuzzing further only waits. */
    private static final class Stuck extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void everyInputOfEveryOperationIsRefusedWithACodeOrStoredHarmlessly() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login fuzzer = TestUsers.create(admin, List.of("ADMIN", "SUPERVISOR", "AGENT"), null);
        TestUsers.Login victim = TestUsers.create(admin, "AGENT", null);
        token = GraphQL.tokenOf(fuzzer.username(), TestUsers.PASSWORD);
        List<String> trunksBefore = trunkIds(admin);
        Map<String, Supplier<Map<String, Object>>> baselines = new FuzzBaselines(fuzzer.client(), fuzzer.id(), victim)
                .all();

        JsonNode schema = introspect();
        Map<String, JsonNode> types = new TreeMap<>();
        schema.path("types").forEach(type -> types.put(type.path("name").asText(), type));
        List<String> missing = new ArrayList<>();
        try {
            for (String root : List.of("mutation", "query")) {
                JsonNode rootType = types.get(schema.path(root + "Type").path("name").asText());
                for (JsonNode field : rootType.path("fields")) {
                    String name = field.path("name").asText();
                    Supplier<Map<String, Object>> baseline = baselines.get(name);
                    if (baseline == null) {
                        missing.add(name);
                        continue;
                    }
                    fuzzOperation(root, field, types, baseline);
                }
            }
        } catch (Stuck stuck) {
            failures.add("stopped after " + requests + " requests: fixtures can no longer be created");
        }
        List<String> unsettled = ProcessorsAtHead.await(fuzzer.client(), dataSource,
                java.time.Duration.ofSeconds(15));
        removeTrunksAddedSince(admin, trunksBefore);

        assertThat(missing).as("operations without a fuzz baseline (add one to FuzzBaselines)").isEmpty();
        assertThat(unsettled).as("event processors behind the head after %d requests (%d accepted)", requests,
                accepted).isEmpty();
        assertThat(failures).as("%d of %d requests were not answered with data or coded errors:%n%s",
                failures.size(), requests, String.join("\n", failures.subList(0, Math.min(MAX_REPORTED,
                        failures.size())))).isEmpty();
    }

    private void fuzzOperation(String root, JsonNode field, Map<String, JsonNode> types,
            Supplier<Map<String, Object>> baseline) {
        String document = document(root, field, types);
        Map<String, Object> valid = fixture(field.path("name").asText(), baseline);
        if (valid != null) {
            send(field.path("name").asText(), "baseline", document, valid);
        }
        for (JsonNode arg : field.path("args")) {
            List<Object> path = List.of(arg.path("name").asText());
            fuzzValue(field.path("name").asText(), document, baseline, path, arg.path("type"), types);
        }
    }

    /** Every value for the input at {@code path}, then the inputs inside it. */
    private void fuzzValue(String operation, String document, Supplier<Map<String, Object>> baseline,
            List<Object> path, JsonNode typeRef, Map<String, JsonNode> types) {
        JsonNode type = typeRef;
        while ("NON_NULL".equals(type.path("kind").asText())) {
            type = type.path("ofType");
        }
        String kind = type.path("kind").asText();
        long seed = SEED ^ (operation + path).hashCode();
        switch (kind) {
            case "LIST" -> {
                for (Object value : List.of(FuzzValues.NULL, "not a list", List.of(FuzzValues.NULL),
                        Collections.nCopies(2_000, "+8613800138000"))) {
                    sendWith(operation, document, baseline, path, value);
                }
                List<Object> element = new ArrayList<>(path);
                element.add(0);
                fuzzValue(operation, document, baseline, element, type.path("ofType"), types);
            }
            case "INPUT_OBJECT" -> {
                for (Object value : List.of(FuzzValues.NULL, "not an object", 42)) {
                    sendWith(operation, document, baseline, path, value);
                }
                for (JsonNode inner : types.get(type.path("name").asText()).path("inputFields")) {
                    List<Object> innerPath = new ArrayList<>(path);
                    innerPath.add(inner.path("name").asText());
                    fuzzValue(operation, document, baseline, innerPath, inner.path("type"), types);
                }
            }
            default -> {
                List<Object> pool = FuzzValues.pool(type.path("name").asText(), kind);
                List<Object> values = FuzzValues.sample(pool, VALUES_PER_FIELD, seed, List.of("a\u0000b",
                        "lone \ud800 high", FuzzValues.MEGABYTE, "1000000000000000", "10000000000000000.12345",
                        "+999999999-12-31T23:59:59Z", "+10000-01-01", 2_147_483_648L));
                for (Object value : values) {
                    sendWith(operation, document, baseline, path, value);
                }
            }
        }
    }

    private void sendWith(String operation, String document, Supplier<Map<String, Object>> baseline, List<Object> path,
            Object value) {
        Map<String, Object> variables = fixture(operation, baseline);
        if (variables == null) {
            return;
        }
        set(variables, path, value);
        send(operation, path + " = " + FuzzValues.describe(value), document, variables);
    }

    /**
     * A fresh valid request. Creating its records fails only when the pipeline is already broken
     * (a created customer never shows up): that is recorded, and after a few such failures the
     * run stops rather than wait 5 s for each of the remaining requests.
     */
    private Map<String, Object> fixture(String operation, Supplier<Map<String, Object>> baseline) {
        try {
            return baseline.get();
        } catch (AssertionError e) {
            failures.add(operation + ": its valid baseline could not be set up: "
                    + FuzzValues.describe(e.getMessage().replaceAll("\\s+", " "), 300));
            if (++brokenFixtures >= 3) {
                throw new Stuck();
            }
            return null;
        }
    }

    /** Puts {@code value} at {@code path}, creating the maps and lists on the way. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> variables, List<Object> path, Object value) {
        Object container = variables;
        for (int i = 0; i < path.size(); i++) {
            Object key = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = path.size() > i + 1 && path.get(i + 1) instanceof Integer ? new ArrayList<>()
                    : new java.util.HashMap<String, Object>();
            if (container instanceof Map<?, ?> map) {
                Map<String, Object> m = (Map<String, Object>) map;
                if (last) {
                    m.put((String) key, value);
                    return;
                }
                Object existing = m.get(key);
                if (!(existing instanceof Map<?, ?>) && !(existing instanceof List<?>)) {
                    m.put((String) key, next);
                } else {
                    m.put((String) key, copy(existing));
                }
                container = m.get(key);
            } else {
                List<Object> list = (List<Object>) container;
                int index = (Integer) key;
                while (list.size() <= index) {
                    list.add(next);
                }
                if (last) {
                    list.set(index, value);
                    return;
                }
                list.set(index, copy(list.get(index)));
                container = list.get(index);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new java.util.HashMap<>((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }

    private void send(String operation, String what, String document, Map<String, Object> variables) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", document);
        body.set("variables", toJson(variables));
        requests++;
        Response response = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(write(body)).when().post("/graphql");
        String problem = problem(response);
        if (problem == null) {
            return;
        }
        failures.add(operation + " " + what + ": " + problem);
    }

    /** Null when the answer is data or coded errors; otherwise what is wrong with it. */
    private String problem(Response response) {
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.asByteArray());
        } catch (java.io.IOException e) {
            return "unreadable answer: " + e.getMessage();
        }
        JsonNode errors = answer.path("errors");
        if (errors.isMissingNode() || errors.isEmpty()) {
            accepted++;
            return null;
        }
        for (JsonNode error : errors) {
            String code = error.path("extensions").path("code").asText(null);
            if (code == null || !CODES.contains(code) || "System error".equals(error.path("message").asText())) {
                return "uncoded error: " + FuzzValues.describe(error.toString(), 300);
            }
        }
        return null;
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == FuzzValues.NULL || value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set((String) k, toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        return JSON.valueToTree(value);
    }

    /** {@code mutation($a: T!, …) { op(a: $a, …) { __typename } }} for every argument. */
    private static String document(String root, JsonNode field, Map<String, JsonNode> types) {
        StringBuilder declarations = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (JsonNode arg : field.path("args")) {
            String name = arg.path("name").asText();
            declarations.append(declarations.isEmpty() ? "" : ", ").append('$').append(name).append(": ")
                    .append(typeName(arg.path("type")));
            arguments.append(arguments.isEmpty() ? "" : ", ").append(name).append(": $").append(name);
        }
        JsonNode result = field.path("type");
        while (result.path("ofType").isObject() && !result.path("ofType").isEmpty()) {
            result = result.path("ofType");
        }
        String kind = types.get(result.path("name").asText()).path("kind").asText();
        String selection = "OBJECT".equals(kind) || "INTERFACE".equals(kind) ? " { __typename }" : "";
        return root + (declarations.isEmpty() ? "" : "(" + declarations + ")") + " { " + field.path("name").asText()
                + (arguments.isEmpty() ? "" : "(" + arguments + ")") + selection + " }";
    }

    private static String typeName(JsonNode type) {
        return switch (type.path("kind").asText()) {
            case "NON_NULL" -> typeName(type.path("ofType")) + "!";
            case "LIST" -> "[" + typeName(type.path("ofType")) + "]";
            default -> type.path("name").asText();
        };
    }

    private JsonNode introspect() throws java.io.IOException {
        String query = "{ __schema { mutationType { name } queryType { name } types { kind name "
                + "fields { name type { ...T } args { name type { ...T } } } inputFields { name type { ...T } } } } } "
                + TYPE_REF;
        Response response = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("query", query)).when().post("/graphql");
        JsonNode answer = JSON.readTree(response.asByteArray());
        assertThat(answer.path("errors").isMissingNode()).as("introspection: %s", answer).isTrue();
        return answer.path("data").path("__schema");
    }

    private static List<String> trunkIds(GraphQL admin) {
        return AllPages.all(admin, "trunks", "id", "id");
    }

    /** The fuzzed trunks go again: later tests route calls over the trunks they configure. */
    private static void removeTrunksAddedSince(GraphQL admin, List<String> before) {
        for (String id : trunkIds(admin)) {
            if (!before.contains(id)) {
                admin.call("mutation($id: ID!) { removeTrunk(input: {id: $id}) { removedTrunkId } }", Map.of("id", id));
            }
        }
    }
}
