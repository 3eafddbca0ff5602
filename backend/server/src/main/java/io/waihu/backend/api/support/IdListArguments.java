package io.waihu.backend.api.support;

import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Types list arguments of ids as {@code [ID!]}: an argument named {@code ids}, or ending in
 * {@code Ids}, whose items are strings.
 *
 * <p>Why: SmallRye GraphQL 2.17 cannot take {@code @Id} on a list argument — the schema says
 * {@code [ID!]!}, but every request then fails with "is not a valid 'Unknown Scalar Type
 * [java.util.List]'" (it looks up the converter for the list, not its items). The resolver
 * declares a list of strings and this retypes the argument: graphql-java's {@code ID} coerces a
 * string or an integer literal to the same {@link String} SmallRye then binds, so nothing but
 * the declared type changes. Loaded by SmallRye's {@code ServiceLoader}
 * ({@code META-INF/services}), like {@link DefaultFieldVisibility}.
 */
public class IdListArguments implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLArgument(GraphQLArgument argument,
                    TraverserContext<GraphQLSchemaElement> context) {
                GraphQLType retyped = named(argument.getName()) ? withIdItems(argument.getType()) : null;
                return retyped == null ? TraversalControl.CONTINUE
                        : changeNode(context, argument.transform(a -> a.type((graphql.schema.GraphQLInputType) retyped)));
            }
        });
        return GraphQLSchema.newSchema(schema);
    }

    /** Whether an argument of this name is a list of ids. */
    static boolean named(String argument) {
        return argument.equals("ids") || argument.endsWith("Ids");
    }

    /** The same wrappers around {@code ID} where the list's items are {@code String}; null otherwise. */
    private static GraphQLType withIdItems(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            GraphQLType inner = withIdItems(nonNull.getWrappedType());
            return inner == null ? null : GraphQLNonNull.nonNull(inner);
        }
        if (type instanceof GraphQLList list) {
            GraphQLType item = list.getWrappedType();
            boolean nonNullItem = item instanceof GraphQLNonNull;
            GraphQLType bare = nonNullItem ? ((GraphQLNonNull) item).getWrappedType() : item;
            if (bare != Scalars.GraphQLString && !(bare instanceof graphql.schema.GraphQLScalarType scalar
                    && scalar.getName().equals("String"))) {
                return null;
            }
            return GraphQLList.list(nonNullItem ? GraphQLNonNull.nonNull(Scalars.GraphQLID) : Scalars.GraphQLID);
        }
        return null;
    }
}
