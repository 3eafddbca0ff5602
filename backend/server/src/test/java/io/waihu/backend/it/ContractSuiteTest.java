package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract as a client team's tools read it, from the running server:
 * {@code frontend-contract/test-driver/contract-check.mjs} (graphql-js) sends the standard
 * introspection query without and with a token, builds the client schema from the answer,
 * validates every operation in {@code frontend-contract/operations/} against it and checks the
 * conventions ({@code conventions.mjs}: descriptions, {@code Node}, one connection shape, enums
 * for closed sets, {@code ID} for ids). GraphiQL ({@code /q/graphql-ui}) opens in headless
 * Chromium with its documentation explorer ({@code graphiql-check.mjs}).
 *
 * <p>What today's schema still breaks is listed in
 * {@code frontend-contract/test-driver/conventions-pending.txt}, one violation a line, for the
 * API work to empty: this fails on any violation not listed and on any listed one that is gone,
 * so the list only shrinks. {@code -Dwaihu.update-pending=true} rewrites it from the server
 * (review the diff: only removals are progress).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ContractSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTRACT = Path.of(System.getProperty("waihu.repo.root", "../..")).toAbsolutePath()
            .normalize().resolve("frontend-contract");
    private static final Path PENDING = CONTRACT.resolve("test-driver/conventions-pending.txt");

    @TestHTTPResource("/graphql")
    URI endpoint;

    @TestHTTPResource("/q/graphql-ui/")
    URI graphiql;

    @Test
    void liveSchemaIntrospectsValidatesTheOperationsAndKeepsTheConventions() throws Exception {
        String token = GraphQL.tokenOf("admin", EmbeddedPostgresResource.ADMIN_PASSWORD);
        JsonNode result = check("--url", endpoint.toString(), "--token", token,
                "--operations", CONTRACT.resolve("operations").toString(), "--pending", PENDING.toString());

        assertThat(result.path("introspection").path("anonymous").path("ok").asBoolean())
                .as("standard introspection without a token: %s", result.path("introspection")).isTrue();
        assertThat(result.path("introspection").path("withToken").path("ok").asBoolean())
                .as("standard introspection with a token: %s", result.path("introspection")).isTrue();

        assertThat(result.path("operations")).as("operation files").isNotEmpty();
        for (JsonNode file : result.path("operations")) {
            assertThat(file.path("errors")).as("operations/" + file.path("file").asText() + " against the live schema")
                    .isEmpty();
        }

        if (Boolean.getBoolean("waihu.update-pending")) {
            writePending(result.path("violations"));
            result = check("--url", endpoint.toString(), "--pending", PENDING.toString());
        }
        assertThat(lines(result.path("unexpected"))).as("convention violations not on %s (fix them; the list only "
                + "shrinks)", PENDING.getFileName()).isEmpty();
        assertThat(result.path("fixed")).as("entries of %s that no longer fail: remove them",
                PENDING.getFileName()).isEmpty();
    }

    @Test
    void graphiqlOpensWithItsDocumentationExplorer() throws Exception {
        JsonNode result = node("graphiql-check.mjs", "--url", graphiql.toString(),
                "--chromium", System.getProperty("waihu.chromium", "/usr/bin/chromium"));
        assertThat(result.path("error").isNull()).as("GraphiQL's schema error: %s", result.path("error")).isTrue();
        assertThat(result.path("docs").asText()).as("GraphiQL's documentation explorer")
                .contains("Root Types").contains("Query");
    }

    @Test
    void everyConventionCatchesWhatItNames(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path sdl = dir.resolve("schema.graphql");
        Files.writeString(sdl, """
                "The root."
                type Query {
                  "Things, paged halfway."
                  things(first: Int, after: String): ThingConnection
                  "Another root field."
                  other: Fine
                }
                type Thing {
                  "The thing's id."
                  id: String!
                  "Its owner."
                  ownerId: ID
                  "Where it is."
                  state: String
                  name: String
                }
                "An object without an id."
                type Fine {
                  "A value."
                  value: Int
                }
                "A page of things."
                type ThingConnection {
                  "The things."
                  nodes: [Thing!]!
                }
                """, StandardCharsets.UTF_8);
        Path pending = dir.resolve("pending.txt");
        Files.writeString(pending, "# a comment\nnode Fine\n", StandardCharsets.UTF_8);

        JsonNode result = check("--sdl", sdl.toString(), "--pending", pending.toString());

        List<String> keys = lines(result.path("violations")).stream().map(line -> line.split(": ", 2)[0]).toList();
        assertThat(keys.stream().filter(key -> !key.startsWith("allowed ")).toList()).containsExactlyInAnyOrder(
                "described Thing", "described Thing.name", "node Thing", "id Thing.id", "enum Thing.state",
                "connection Query.things");
        assertThat(keys).as("allow-list entries for fields this schema lacks are stale")
                .contains("allowed StoredEvent.type");
        assertThat(result.path("unexpected")).hasSameSizeAs(result.path("violations"));
        assertThat(result.path("fixed").toString()).as("a pending entry that passes").contains("node Fine");
        assertThat(result.path("violations").toString()).contains("no last/before argument")
                .contains("no edges { cursor node }").contains("no totalCount");
    }

    /**
     * The benchmark drivers under {@code infra/} are clients too: their GraphQL documents (string
     * literals, joined where the source concatenates them) are validated against the live schema,
     * so a contract change that forgets them fails here, not in the next benchmark run.
     */
    @Test
    void theBenchmarkDriversSpeakTheLiveContract(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path infra = CONTRACT.getParent().resolve("infra");
        java.util.regex.Pattern document = java.util.regex.Pattern.compile(
                "\"((?:query|mutation|subscription)(?=[\\s({])(?:[^\"\\\\]|\\\\.)*)\"((?:\\s*\\+\\s*\"(?:[^\"\\\\]|\\\\.)*\")*)");
        java.util.regex.Pattern piece = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(infra)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file);
                java.util.regex.Matcher m = document.matcher(source);
                while (m.find()) {
                    StringBuilder text = new StringBuilder(m.group(1));
                    java.util.regex.Matcher rest = piece.matcher(m.group(2));
                    while (rest.find()) {
                        text.append(rest.group(1));
                    }
                    String name = infra.relativize(file).toString().replace('/', '_') + "-" + found.size() + ".graphql";
                    Files.writeString(dir.resolve(name), text.toString().replace("\\\"", "\"").replace("\\\\", "\\"),
                            StandardCharsets.UTF_8);
                    found.add(name);
                }
            }
        }
        assertThat(found).as("GraphQL documents in the benchmark drivers").hasSizeGreaterThanOrEqualTo(10);

        JsonNode result = check("--url", endpoint.toString(), "--operations", dir.toString(), "--pending",
                PENDING.toString());
        for (JsonNode file : result.path("operations")) {
            assertThat(file.path("errors")).as(file.path("file").asText() + ": "
                    + Files.readString(dir.resolve(file.path("file").asText()))).isEmpty();
        }
    }

    private static JsonNode check(String... arguments) throws IOException, InterruptedException {
        return node("contract-check.mjs", arguments);
    }

    private static JsonNode node(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("waihu.node", "node"),
                CONTRACT.resolve("test-driver").resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(script + " ends").isTrue();
        assertThat(process.exitValue()).as(script + " exit code").isZero();
        return JSON.readTree(out);
    }

    private static List<String> lines(JsonNode violations) {
        List<String> lines = new ArrayList<>();
        violations.forEach(v -> lines.add(v.path("key").asText() + ": " + v.path("detail").asText()));
        return lines;
    }

    private static void writePending(JsonNode violations) throws IOException {
        Set<String> keys = new TreeSet<>();
        violations.forEach(v -> keys.add(v.path("key").asText()));
        StringBuilder text = new StringBuilder("""
                # Convention violations of today's schema that the API work removes (ContractSuiteTest).
                # One "<rule> <coordinate>" a line; the rules are in conventions.mjs. The list only shrinks:
                # a new violation fails the test, and so does an entry that no longer fails.
                """);
        keys.forEach(key -> text.append(key).append('\n'));
        Files.writeString(PENDING, text, StandardCharsets.UTF_8);
    }
}
