package io.waihu.backend.api.support;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What {@code POST /graphql} must look like before SmallRye GraphQL sees it.
 *
 * <p><b>JSON only</b> (415 otherwise). A browser sends a cross-site POST with {@code text/plain},
 * form or no content type without asking the server first (a CORS "simple request"), and the
 * GraphQL handler executed such bodies: any web page could make its visitors' browsers log in
 * (feeding the lock-out) or, with a cookie some day, act for them. {@code application/json}
 * cannot be sent cross-site without a preflight, which this server does not grant.
 *
 * <p><b>The GraphQL-over-HTTP shape</b> (400 otherwise): {@code query} and {@code operationName}
 * strings, {@code variables} and {@code extensions} objects, each may be null. SmallRye casts
 * {@code variables} to an object unchecked: an array was a 500 and a 69-line ERROR stack per
 * anonymous request. A body that is not JSON at all is left to the handler (it answers 400).
 *
 * <p><b>A query that parses</b> ({@link SyntaxCheck}; answered as a GraphQL error, code
 * {@code VALIDATION}, with graphql-java's message and location).
 *
 * <p>The first two refusals answer a GraphQL-style JSON error with {@code extensions.code} and log
 * nothing: they are the client's mistake. Runs after Quarkus's size limit (413, and
 * {@code Expect: 100-continue}) and before the GraphQL route; the body read here (within the
 * same limit) is the one the GraphQL handler uses.
 */
@ApplicationScoped
public class GraphQLRequestGuard {

    private final String path;
    private final long maxBodyBytes;
    private final SyntaxCheck syntax = new SyntaxCheck();

    public GraphQLRequestGuard(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String path,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize max) {
        this.path = path;
        this.maxBodyBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        // Right after the size limit; the GraphQL route has no explicit order, so it comes after
        // every negative one. The content type is checked first, before the body is read.
        router.post(path).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::jsonOnly);
        // Vert.x takes a body handler only as the first handler of its route: a second route
        router.post(path).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::graphQLShape);
    }

    private void jsonOnly(RoutingContext ctx) {
        if (json(ctx.request().getHeader("Content-Type"))) {
            ctx.next();
            return;
        }
        refuse(ctx, 415, "UNSUPPORTED_MEDIA_TYPE", "send the GraphQL request as application/json");
    }

    /**
     * {@code application/json}, with parameters or named more than once: a browser joins a header
     * set twice into one list (GraphiQL's fetcher sets the type the page sets too). A list that
     * names anything else is refused: it is no type a cross-site form could send either.
     */
    private static boolean json(String type) {
        if (type == null) {
            return false;
        }
        for (String listed : type.split(",")) {
            if (!listed.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
                return false;
            }
        }
        return true;
    }

    private void graphQLShape(RoutingContext ctx) {
        JsonObject body;
        try {
            Object parsed = ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
            if (!(parsed instanceof JsonObject object)) {
                ctx.next();
                return;
            }
            body = object;
        } catch (DecodeException notJson) {
            ctx.next();
            return;
        }
        String wrong = wrongMember(body);
        if (wrong != null) {
            refuse(ctx, 400, "BAD_REQUEST", wrong);
            return;
        }
        JsonObject unparseable = body.getValue("query") instanceof String query ? syntax.problem(query) : null;
        if (unparseable == null) {
            ctx.next();
        } else {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("errors", new JsonArray().add(unparseable)).encode());
        }
    }

    private static String wrongMember(JsonObject body) {
        for (String name : new String[] {"query", "operationName"}) {
            Object value = body.getValue(name);
            if (value != null && !(value instanceof String)) {
                return "\"" + name + "\" must be a string";
            }
        }
        for (String name : new String[] {"variables", "extensions"}) {
            Object value = body.getValue(name);
            if (value != null && !(value instanceof JsonObject)) {
                return "\"" + name + "\" must be an object";
            }
        }
        return null;
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
