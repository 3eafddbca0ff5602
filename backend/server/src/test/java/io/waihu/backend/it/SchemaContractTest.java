package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Frontends build against frontend-contract/schema.graphql. This fails when the code's
 * schema and the checked-in one differ; {@code -Dwaihu.update-schema=true} rewrites the
 * file (review the diff: a removed or renamed field breaks clients).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SchemaContractTest {

    @Test
    void checkedInSchemaMatchesTheCode() throws IOException {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        Path contract = Path.of(System.getProperty("waihu.repo.root", "../.."), "frontend-contract", "schema.graphql");
        if (Boolean.getBoolean("waihu.update-schema")) {
            Files.writeString(contract, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(contract)).as(contract + " exists (run once with -Dwaihu.update-schema=true)").isTrue();
        assertThat(served).as("schema drift: run the tests with -Dwaihu.update-schema=true and review the diff")
                .isEqualTo(Files.readString(contract, StandardCharsets.UTF_8));
    }

    @Test
    void clientOperationsAreValidAgainstTheSchema() throws IOException {
        Path root = Path.of(System.getProperty("waihu.repo.root", "../.."), "frontend-contract");
        graphql.schema.GraphQLSchema schema = graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new graphql.schema.idl.SchemaParser().parse(Files.readString(root.resolve("schema.graphql"))));
        java.util.List<Path> files;
        try (var listing = Files.list(root.resolve("operations"))) {
            files = listing.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            graphql.language.Document document = graphql.parser.Parser.parse(Files.readString(file));
            java.util.List<graphql.validation.ValidationError> errors =
                    new graphql.validation.Validator().validateDocument(schema, document, java.util.Locale.ROOT);
            assertThat(errors).as(file.getFileName().toString()).isEmpty();
        }
    }
}
