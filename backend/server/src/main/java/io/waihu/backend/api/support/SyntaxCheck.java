package io.waihu.backend.api.support;

import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a query that does not parse with graphql-java's own message, its location and the
 * code {@code VALIDATION}. SmallRye parses before graphql-java's instrumentation runs and
 * answered every syntax error with "Unparseable input document", no location and no
 * {@code extensions.code} — the one refusal clients could not tell from a server fault.
 *
 * <p>A query text that parsed once is remembered (up to {@value #KNOWN} texts of at most
 * {@value #LONGEST_REMEMBERED} characters, forgotten all at once when full, like SmallRye's own
 * query cache), so a client sending the same operations pays a map look-up, not a second parse.
 * The parser options are the JVM-wide ones SmallRye sets from its configuration (token limits),
 * so both parsers accept the same texts.
 */
final class SyntaxCheck {

    private static final int KNOWN = 2_000;
    private static final int LONGEST_REMEMBERED = 10_000;

    private final Map<String, Boolean> parsed = new ConcurrentHashMap<>();

    /** The GraphQL error for {@code query}'s syntax, or null if it parses. */
    JsonObject problem(String query) {
        if (parsed.containsKey(query)) {
            return null;
        }
        try {
            new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (InvalidSyntaxException e) {
            JsonObject error = new JsonObject().put("message", e.getMessage());
            SourceLocation at = e.getLocation();
            if (at != null) {
                error.put("locations", new JsonArray().add(new JsonObject().put("line", at.getLine())
                        .put("column", at.getColumn())));
            }
            return error.put("extensions", new JsonObject().put("code", "VALIDATION")
                    .put("classification", "InvalidSyntax"));
        }
        if (query.length() <= LONGEST_REMEMBERED) {
            if (parsed.size() >= KNOWN) {
                parsed.clear();
            }
            parsed.put(query, Boolean.TRUE);
        }
        return null;
    }
}
