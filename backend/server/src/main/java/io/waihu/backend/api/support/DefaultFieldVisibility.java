package io.waihu.backend.api.support;

import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.spi.config.Config;

/**
 * Gives the schema graphql-java's default field visibility when none is configured.
 *
 * <p>Why: SmallRye GraphQL 2.17 (and its main branch) turns the default setting
 * {@code field-visibility=default} into a {@code BlockedFields} rule with the regular
 * expression "default" — which blocks nothing (a field's coordinate is always
 * {@code Type.field}) but builds a coordinate string and a {@code Matcher} on every field
 * lookup, twice per field and row. A page of 50 customers is ~600 lookups; in a profile of
 * the search benchmark {@code Matcher} was the most-allocated class of the server. Any other
 * setting (a list of patterns, {@code no-introspection}) is left as SmallRye built it.
 *
 * <p>Loaded by SmallRye's {@code ServiceLoader} ({@code META-INF/services}); no config key,
 * so it is always on.
 */
public class DefaultFieldVisibility implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        if (!Config.FIELD_VISIBILITY_DEFAULT.equals(Config.get().getFieldVisibility())) {
            return builder;
        }
        GraphQLSchema schema = builder.build();
        return GraphQLSchema.newSchema(schema).codeRegistry(schema.getCodeRegistry().transform(
                registry -> registry.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
    }
}
