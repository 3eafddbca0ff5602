package io.waihu.backend.api.support;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jboss.logging.Logger;

/**
 * Reads plain output fields (a record component, a getter, a public field) without
 * SmallRye's per-field request context.
 *
 * <p>Why: SmallRye's own field fetcher, for every field of every object in an answer, clones
 * the request's {@code Context}, renders the field's path and builds its selection set twice
 * as JSON arrays — for resolvers that may inject {@code Context}. A plain field has no
 * resolver: nothing reads that context (operations and {@code @Source} fields populate their
 * own), and a page of 50 customers has ~300 such fields. The value goes through SmallRye's
 * {@link FieldHelper} as before, so date/number formatting and adapters are unchanged.
 *
 * <p>Loaded by SmallRye's {@code ServiceLoader} ({@code META-INF/services}); it answers only
 * for fields, before Quarkus' own service (priority 1), which provides none.
 */
public class PlainFieldFetchers implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableDataFetcher<Object> getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new PlainFieldFetcher(field, owner);
    }

    /** One field of one type; the accessor is looked up on first use (classes may not be loadable at bootstrap). */
    static final class PlainFieldFetcher implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object> {

        private static final Logger LOG = Logger.getLogger(PlainFieldFetcher.class);
        private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

        private final Field field;
        private final Reference owner;
        private final FieldHelper helper;
        private volatile MethodHandle accessor;

        PlainFieldFetcher(Field field, Reference owner) {
            this.field = field;
            this.owner = owner;
            this.helper = new FieldHelper(field);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            // a variable of type Object: passed directly, the generic getSource() would be inferred
            // as Object[] for the signature-polymorphic invokeExact and fail its cast
            Object source = environment.getSource();
            Object value;
            try {
                value = accessor().invokeExact(source);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new GraphQLException(t);
            }
            try {
                return helper.transformOrAdaptResponse(value, environment);
            } catch (AbstractDataFetcherException e) {
                // as SmallRye's own field fetcher: log and answer the value untransformed
                LOG.warnf(e, "cannot transform %s.%s", owner.getName(), field.getName());
                return value;
            }
        }

        private MethodHandle accessor() {
            MethodHandle handle = accessor;
            if (handle == null) {
                handle = lookUp();
                accessor = handle;
            }
            return handle;
        }

        private MethodHandle lookUp() {
            try {
                Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle handle = field.getMethodName() == null
                        ? lookup.unreflectGetter(type.getField(field.getPropertyName()))
                        : lookup.unreflect(type.getMethod(field.getMethodName()));
                return handle.asType(GETTER);
            } catch (ReflectiveOperationException e) {
                throw new GraphQLException(e);
            }
        }
    }
}
