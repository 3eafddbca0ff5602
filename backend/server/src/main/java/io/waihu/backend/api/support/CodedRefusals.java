package io.waihu.backend.api.support;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.smallrye.graphql.spi.EventingService;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives graphql-java's own refusals of a request the API's code: a variable of the wrong type
 * ("12" for an Int, an object for a String, null for a required argument), a number beyond
 * 32 bits, an unknown field. They never reach a resolver and change nothing, but came back
 * without {@code extensions.code} (only graphql-java's {@code classification}) or, for an
 * argument SmallRye parses itself, with a code made of the exception's class name
 * ({@code coercing-parse-literal}) and an ERROR log line as if the server had failed. Clients
 * handle errors by code; these are {@code VALIDATION}.
 *
 * <p>Installs the {@link QueryLimits} too ({@code waihu.graphql.max-query-depth} and
 * {@code -complexity}), in place of SmallRye's, which counted introspection as data; an
 * introspection query graphql-java refuses as too big gets their code.
 *
 * <p>Installed beside SmallRye's own instrumentation (the query cache), which the builder holds
 * but does not expose: it is read once at start and chained, and the start fails loudly if
 * graphql-java ever renames it, rather than run without the limits. Loaded by SmallRye's
 * {@code ServiceLoader} ({@code META-INF/services}), like {@link DefaultFieldVisibility}.
 */
public class CodedRefusals implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Instrumentation existing;
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            existing = (Instrumentation) field.get(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot chain the error codes to graphql-java's instrumentation", e);
        }
        Config config = ConfigProvider.getConfig();
        Instrumentation limits = new QueryLimits(config.getValue("waihu.graphql.max-query-depth", Integer.class),
                config.getValue("waihu.graphql.max-query-complexity", Integer.class));
        List<Instrumentation> chain = existing == null ? List.of(limits, new Coder())
                : List.of(existing, limits, new Coder());
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }

    /** Rewrites the refusals of a finished execution; everything else passes as it is. */
    private static final class Coder implements Instrumentation {

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (result.getErrors().stream().noneMatch(CodedRefusals::refusal)) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = result.getErrors().stream()
                    .map(error -> refusal(error) ? coded(error) : error).toList();
            return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
        }
    }

    /** graphql-java refused the request's shape or a value's type, before or while binding arguments. */
    static boolean refusal(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return fetching.getException() instanceof GraphQLError inner
                    && inner.getErrorType() == ErrorType.ValidationError;
        }
        return (error.getErrorType() == ErrorType.ValidationError || error.getErrorType() == ErrorType.InvalidSyntax
                || QueryLimits.badFaithIntrospection(error))
                && (error.getExtensions() == null || !error.getExtensions().containsKey("code"));
    }

    private static GraphQLError coded(GraphQLError error) {
        GraphQLError cause = error instanceof ExceptionWhileDataFetching fetching
                ? (GraphQLError) fetching.getException() : error;
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (cause.getExtensions() != null) {
            extensions.putAll(cause.getExtensions());
        }
        extensions.put("code", QueryLimits.badFaithIntrospection(cause) ? QueryLimits.CODE : "VALIDATION");
        return GraphqlErrorBuilder.newError().message("%s", cause.getMessage())
                .locations(error.getLocations()).path(error.getPath()).errorType(cause.getErrorType())
                .extensions(extensions).build();
    }
}
