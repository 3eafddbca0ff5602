package io.waihu.backend.api.contacts;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.waihu.backend.dialer.contacts.ContactImports;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.SealedFiles;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.dialer.contacts.ContactQueries;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.dialer.contacts.ContactImportIds;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A list file in over HTTP, and its reject report out. Both for supervisors and admins, with
 * the bearer token GraphQL takes.
 *
 * <ul>
 * <li>{@code POST /imports/contacts?campaignId=…[&createCustomers=true][&fileName=…]}, the file as
 *     the raw body (any content type; the format is read from the bytes). Streamed to a file
 *     under the data directory as it arrives — the request is paused while the disk catches up —
 *     and hashed on the way, never held in memory; up to {@code waihu.dialer.imports.max-bytes}.
 *     Answers {@code 202 {"importId": …, "existing": false}} once the import started in the
 *     background, or {@code 200 {"importId": …, "existing": true, "message": …}} when this
 *     file was imported into the campaign already (or is being).
 * <li>{@code GET /imports/contacts/{id}/report.csv}: the reject report, decrypted as it is sent,
 *     while it is kept ({@code 404} before the import ended, after its retention or an erasure).
 * </ul>
 *
 * <p>A Vert.x route rather than a REST resource: it runs before Quarkus's request size limit
 * (which stays 2 MB for everything else) and sees the body as a stream.
 */
@ApplicationScoped
public class ContactUploads {

    static final String UPLOAD = "/imports/contacts";
    private static final String REPORT = "/imports/contacts/:id/report.csv";
    /** After proactive authentication, before the size limit ({@code ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    private static final int ORDER = -3;
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Logger LOG = Logger.getLogger(ContactUploads.class);

    private final ContactImports imports;
    private final ContactQueries queries;
    private final SealedFiles sealed;
    private final long maxBytes;

    public ContactUploads(ContactImports imports, ContactQueries queries, SealedFiles sealed,
            @ConfigProperty(name = "waihu.dialer.imports.max-bytes") long maxBytes) {
        this.imports = imports;
        this.queries = queries;
        this.sealed = sealed;
        this.maxBytes = maxBytes;
    }

    static String reportPath(String importId) {
        return UPLOAD + "/" + importId + "/report.csv";
    }

    void install(@Observes Router router) {
        router.post(UPLOAD).order(ORDER).handler(this::upload);
        router.get(REPORT).order(ORDER).handler(this::report);
    }

    private void upload(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        CurrentUser user = userOf(ctx);
        if (refused(ctx, user)) {
            return;
        }
        String campaignId = request.getParam("campaignId");
        if (campaignId == null || !BlacklistScope.NAME.matcher(campaignId).matches()) {
            error(ctx, 400, "campaignId: a campaign id (1-64 letters, digits, _ . : -) is required");
            return;
        }
        String fileName = fileName(request.getParam("fileName"));
        boolean createCustomers = "true".equalsIgnoreCase(request.getParam("createCustomers"));
        String length = request.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > maxBytes) {
            error(ctx, 413, "the file is larger than " + maxBytes + " bytes");
            return;
        }
        String userId = user.userId();
        String username = user.username();
        request.pause();
        Path temp;
        try {
            temp = imports.directory().resolve("upload-" + UUID.randomUUID() + ".part");
        } catch (IOException e) {
            error(ctx, 500, "the import folder cannot be created");
            return;
        }
        ctx.vertx().fileSystem().open(temp.toString(), new OpenOptions().setCreateNew(true).setWrite(true)
                .setPerms("rw-------"), opened -> {
            if (opened.failed()) {
                error(ctx, 500, "the upload cannot be stored");
                return;
            }
            receive(ctx, opened.result(), temp, new ContactImports.Upload(campaignId, fileName, temp, null, 0,
                    createCustomers, userId, username));
        });
    }

    /** Body → file, hashed as it passes, the request paused whenever the file's queue is full. */
    private void receive(RoutingContext ctx, AsyncFile file, Path temp, ContactImports.Upload upload) {
        HttpServerRequest request = ctx.request();
        MessageDigest sha = sha256();
        long[] size = {0};
        boolean[] failed = {false};
        request.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            size[0] += chunk.length();
            if (size[0] > maxBytes) {
                failed[0] = true;
                file.close(closed -> deleteQuietly(temp));
                error(ctx, 413, "the file is larger than " + maxBytes + " bytes");
                return;
            }
            sha.update(chunk.getBytes());
            file.write(chunk);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(drained -> request.resume());
            }
        });
        request.exceptionHandler(e -> {
            if (!failed[0]) {
                failed[0] = true;
                file.close(closed -> deleteQuietly(temp));
            }
        });
        request.endHandler(end -> {
            if (failed[0]) {
                return;
            }
            file.close(closed -> {
                if (closed.failed()) {
                    deleteQuietly(temp);
                    error(ctx, 500, "the upload cannot be stored");
                    return;
                }
                if (size[0] == 0) {
                    deleteQuietly(temp);
                    error(ctx, 400, "the body is empty: send the list file as the request body");
                    return;
                }
                ContactImports.Upload received = new ContactImports.Upload(upload.campaignId(), upload.fileName(),
                        temp, HexFormat.of().formatHex(sha.digest()), size[0], upload.createCustomers(),
                        upload.userId(), upload.username());
                Infrastructure.getDefaultWorkerPool().execute(() -> submit(ctx, received));
            });
        });
        request.resume();
    }

    private void submit(RoutingContext ctx, ContactImports.Upload upload) {
        try {
            ContactImports.Submitted submitted = imports.submit(upload);
            JsonObject body = new JsonObject().put("importId", submitted.importId())
                    .put("existing", submitted.existing());
            if (submitted.message() != null) {
                body.put("message", submitted.message());
            }
            ctx.response().setStatusCode(submitted.existing() ? 200 : 202)
                    .putHeader("Content-Type", "application/json").end(body.encode());
        } catch (RuleViolation e) {
            deleteQuietly(upload.file());
            error(ctx, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "an uploaded list could not be started");
            deleteQuietly(upload.file());
            error(ctx, 500, "the import could not be started");
        }
    }

    private void report(RoutingContext ctx) {
        CurrentUser user = userOf(ctx);
        if (refused(ctx, user)) {
            return;
        }
        String importId = ctx.pathParam("id");
        if (importId == null || !ID.matcher(importId).matches()) {
            error(ctx, 404, "no such import");
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> sendReport(ctx, importId));
    }

    private void sendReport(RoutingContext ctx, String importId) {
        ContactQueries.ImportRow row = queries.contactImport(importId);
        Path file = imports.reportFile(importId);
        if (row == null || !row.reportKept() || !Files.isRegularFile(file)) {
            error(ctx, 404, row == null ? "no such import" : "this import has no reject report (none was written, "
                    + "the import still runs, or it was deleted after its retention or an erasure)");
            return;
        }
        try {
            Optional<InputStream> opened = sealed.open(file, ContactImportIds.reportSubject(importId));
            if (opened.isEmpty()) {
                error(ctx, 404, "the reject report was erased");
                return;
            }
            HttpServerResponse response = ctx.response().setChunked(true)
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"import-" + importId + "-rejects.csv\"")
                    .putHeader("Cache-Control", "no-store");
            try (InputStream in = opened.get()) {
                byte[] chunk = new byte[64 * 1024];
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    if (n > 0) {
                        // waits until the socket took it: memory stays one chunk whatever the client's speed
                        response.write(Buffer.buffer(java.util.Arrays.copyOf(chunk, n))).toCompletionStage()
                                .toCompletableFuture().join();
                    }
                }
            }
            response.end();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the reject report of import %s could not be sent: %s", importId, e.getMessage());
            if (!ctx.response().headWritten()) {
                error(ctx, 500, "the reject report cannot be read");
            } else {
                ctx.response().reset();
            }
        }
    }

    private static CurrentUser userOf(RoutingContext ctx) {
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        return identity == null ? null : new CurrentUser(identity);
    }

    /** 401 without a valid token, 403 without the SUPERVISOR or ADMIN role. */
    private static boolean refused(RoutingContext ctx, CurrentUser user) {
        if (user == null || !user.authenticated()) {
            error(ctx, 401, user != null && user.outdated() ? CurrentUser.LOG_IN_AGAIN : "log in first (bearer token)");
            return true;
        }
        if (!user.has(Role.SUPERVISOR) && !user.has(Role.ADMIN)) {
            error(ctx, 403, "list imports are for supervisors and admins");
            return true;
        }
        return false;
    }

    private static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }

    /** The name as a label only: one line, no path, at most 255 characters. */
    static String fileName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.replaceAll("[\\p{Cntrl}]", "").replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? null : name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
        }
    }
}
