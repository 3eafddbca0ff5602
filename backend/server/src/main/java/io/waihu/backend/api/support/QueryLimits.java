package io.waihu.backend.api.support;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How deep and how complex a query may be before it runs: 12 levels and 400 fields for a query
 * that reads data, 20 levels and no complexity count for one that only reads the schema.
 *
 * <p>Why two sets: the standard introspection query (graphql-js {@code getIntrospectionQuery()},
 * sent by GraphiQL and every code generator) is 15 levels deep — its {@code TypeRef} fragment
 * unwraps {@code [T!]!} nine {@code ofType}s down — and the data limit refused it, so GraphiQL
 * opened on an error and clients could not read the schema from the live URL. The schema's data
 * is never deeper than five levels, so raising the one limit would only have let deep data
 * queries through. An introspection-only operation is instead bounded by graphql-java's
 * good-faith check ({@link GoodFaithIntrospection}: {@code __schema}/{@code __type} once,
 * {@code fields} and the like a few times, at most 500 fields) and the depth of 20 here. An
 * operation that asks for data as well counts as data, whole.
 *
 * <p>Refusals carry {@code extensions.code} {@value #CODE}: the query must change, not a value in it.
 */
public final class QueryLimits extends SimplePerformantInstrumentation {

    public static final String CODE = "QUERY_TOO_COMPLEX";
    /** The standard introspection query's 15 levels with room for a tool that unwraps deeper types. */
    static final int INTROSPECTION_DEPTH = 20;
    private static final Set<String> INTROSPECTION_ROOTS = Set.of("__schema", "__type", "__typename");

    private final MaxQueryDepthInstrumentation dataDepth;
    private final MaxQueryDepthInstrumentation introspectionDepth;
    private final MaxQueryComplexityInstrumentation complexity;

    public QueryLimits(int maxDepth, int maxComplexity) {
        this.dataDepth = new CodedDepth(maxDepth);
        this.introspectionDepth = new CodedDepth(INTROSPECTION_DEPTH);
        this.complexity = new CodedComplexity(maxComplexity);
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return complexity.createStateAsync(parameters);
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        return complexity.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (introspectionOnly(parameters.getExecutionContext())) {
            return introspectionDepth.beginExecuteOperation(parameters, null);
        }
        dataDepth.beginExecuteOperation(parameters, null);
        return complexity.beginExecuteOperation(parameters, state);
    }

    /** Whether every field at the operation's root (through fragments) is an introspection field. */
    static boolean introspectionOnly(ExecutionContext context) {
        return introspectionOnly(context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName(), 0);
    }

    private static boolean introspectionOnly(SelectionSet set, Map<String, FragmentDefinition> fragments, int hops) {
        if (set == null || hops > fragments.size()) {
            return false;
        }
        for (Selection<?> selection : set.getSelections()) {
            boolean schemaOnly;
            if (selection instanceof Field field) {
                schemaOnly = INTROSPECTION_ROOTS.contains(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                schemaOnly = introspectionOnly(inline.getSelectionSet(), fragments, hops + 1);
            } else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                schemaOnly = introspectionOnly(fragments.get(spread.getName()).getSelectionSet(), fragments, hops + 1);
            } else {
                schemaOnly = false;
            }
            if (!schemaOnly) {
                return false;
            }
        }
        return true;
    }

    /** graphql-java's refusal with the API's code: how clients tell errors apart. */
    static final class Refusal extends AbortExecutionException {

        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", CODE);
        }
    }

    /** Whether {@code error} is graphql-java's refusal of an introspection query as too big. */
    public static boolean badFaithIntrospection(GraphQLError error) {
        return error instanceof GoodFaithIntrospection.BadFaithIntrospectionError;
    }

    private static final class CodedDepth extends MaxQueryDepthInstrumentation {

        CodedDepth(int maxDepth) {
            super(maxDepth);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return new Refusal(super.mkAbortException(depth, maxDepth).getMessage());
        }
    }

    private static final class CodedComplexity extends MaxQueryComplexityInstrumentation {

        CodedComplexity(int maxComplexity) {
            super(maxComplexity);
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
            return new Refusal(super.mkAbortException(complexity, maxComplexity).getMessage());
        }
    }
}
