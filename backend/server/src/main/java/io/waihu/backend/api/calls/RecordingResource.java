package io.waihu.backend.api.calls;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.calls.RecordingLinks;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.UserRights;
import io.waihu.projections.calls.CallRecord;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.schema.users.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Recordings over HTTP, for playback in the browser and download. Access is the same as the
 * call's in GraphQL — a bearer token of someone who may see the call, or a signed link the
 * API issued, while its user's rights are still those it was issued under — and single byte ranges are served (RFC 9110 §14) so an {@code <audio>} element
 * can seek without downloading the whole file.
 */
@Path("/recordings")
public class RecordingResource {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final CallRecordProjection calls;
    private final RecordingLinks links;
    private final CurrentUser user;
    private final RecordAccess access;
    private final UserRights rights;
    private final java.nio.file.Path root;

    public RecordingResource(CallRecordProjection calls, RecordingLinks links, CurrentUser user, RecordAccess access,
            UserRights rights, @ConfigProperty(name = "waihu.recordings.dir") java.nio.file.Path root) {
        this.calls = calls;
        this.rights = rights;
        this.links = links;
        this.user = user;
        this.access = access;
        this.root = root.toAbsolutePath().normalize();
    }

    @GET
    @Path("{callId: [0-9a-fA-F-]{36}}.wav")
    public Uni<Response> get(@PathParam("callId") String callId, @QueryParam("u") String linkUser,
            @QueryParam("v") Long linkVersion, @QueryParam("e") Long linkExpires, @QueryParam("s") String linkSignature,
            @HeaderParam("Range") String range) {
        boolean linked = linkSignature != null && linkExpires != null && linkVersion != null
                && links.valid(callId, linkUser, linkVersion, linkExpires, linkSignature);
        if (!linked && !user.authenticated()) {
            return Uni.createFrom().item(status(Response.Status.UNAUTHORIZED,
                    user.outdated() ? CurrentUser.LOG_IN_AGAIN : "log in or use a signed link"));
        }
        return calls.byId(callId).chain(call -> {
            if (call == null || call.recordingPath == null) {
                return Uni.createFrom().item(status(Response.Status.NOT_FOUND, "no recording for this call"));
            }
            if (linked) {
                // last: on a cache miss this continues on a worker thread, where no reactive session may open
                return linkHolds(linkUser, linkVersion).map(holds -> holds ? serve(call, range)
                        : status(Response.Status.UNAUTHORIZED,
                                "this link's user was disabled or their rights changed; ask for a new link"));
            }
            return mayHear(call).map(ok -> serve(call, range))
                    .onFailure(ApiError.Forbidden.class)
                    .recoverWithItem(denied -> status(Response.Status.FORBIDDEN, denied.getMessage()));
        });
    }

    /** Whether the link's user still holds the rights it was issued under (a read on a worker when not cached). */
    private Uni<Boolean> linkHolds(String userId, long version) {
        var known = rights.cached(userId);
        if (known != null) {
            return Uni.createFrom().item(UserRights.valid(known, version));
        }
        return Uni.createFrom().item(() -> UserRights.valid(rights.current(userId), version))
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    private Uni<Void> mayHear(CallRecord call) {
        if (!(user.has(Role.ADMIN) || user.has(Role.AUDITOR) || user.has(Role.ANALYST) || user.has(Role.SUPERVISOR)
                || user.has(Role.AGENT))) {
            return Uni.createFrom().failure(new ApiError.Forbidden("your roles do not include recordings"));
        }
        return access.require(RecordAccess.RecordKind.CALL, RecordAccess.Access.READ, call.agentId);
    }

    private Response serve(CallRecord call, String range) {
        java.nio.file.Path file = root.resolve(call.recordingPath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return status(Response.Status.NOT_FOUND, "the recording file is missing");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            return status(Response.Status.NOT_FOUND, "the recording file is unreadable");
        }
        String etag = "\"" + call.recordingSha256 + "\"";
        if (range == null) {
            return Response.ok(new PathPart(file, 0, size), "audio/wav").header("Accept-Ranges", "bytes")
                    .header("ETag", etag).header("Content-Length", size)
                    .header("Content-Disposition", "inline; filename=\"" + call.callId + ".wav\"").build();
        }
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return unsatisfiable(size);
        }
        long start;
        long end;
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = position(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        }
        if (start >= size || end < start) {
            return unsatisfiable(size);
        }
        long length = end - start + 1;
        return Response.status(206).entity(new PathPart(file, start, length)).type("audio/wav")
                .header("Accept-Ranges", "bytes").header("ETag", etag)
                .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                .header("Content-Length", length).build();
    }

    /**
     * A byte position of a range (digits only, by the pattern). RFC 9110 §14.1.2 sets no upper
     * bound: a number past any file (more digits than a long holds) means "beyond the end", so
     * it saturates: as a first position it is unsatisfiable (416), as a last one or a suffix
     * length it reaches the end of the file.
     */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static Response unsatisfiable(long size) {
        return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }

    private static Response status(Response.Status status, String message) {
        return Response.status(status).type("text/plain").entity(message).build();
    }
}
